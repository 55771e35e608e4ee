/** A key (research school id, URN, …) with an optional academic-year filter (`null`: every year). */
export interface YearKey {
  readonly id: string;
  readonly academicYear: number | null;
}

export const yearKey = (k: YearKey): string => `${k.id}|${k.academicYear ?? ''}`;
