import type { DemoSize } from './types.ts';

export interface SizeConfig {
  /** Total schools to generate (state-funded and independent, all statuses), spread over all 153 LAs. */
  totalSchools: number;
  /** Fewest schools any LA gets. */
  minSchoolsPerLa: number;
  /** Fewest schools LA 808 Stockton-on-Tees gets (its SCITT needs 22 partner schools). */
  minSchoolsStockton: number;
  /** totalSchools / national totalSchools: everything counted per organisation (SCITTs, hubs) scales by it. */
  scale: number;
}

const NATIONAL_TOTAL = 23_200;

export const SIZES: Record<DemoSize, SizeConfig> = {
  national: { totalSchools: NATIONAL_TOTAL, minSchoolsPerLa: 4, minSchoolsStockton: 30, scale: 1 },
  region: { totalSchools: 2_800, minSchoolsPerLa: 8, minSchoolsStockton: 30, scale: 2_800 / NATIONAL_TOTAL },
  small: { totalSchools: 600, minSchoolsPerLa: 3, minSchoolsStockton: 30, scale: 600 / NATIONAL_TOTAL },
};

/** The data's "today": academic year 2024 (2024/25) is the current one. Dates after it are not generated. */
export const DATA_AS_OF = '2025-03-31';

/** The academic years the dataset covers, by starting year. */
export const ACADEMIC_YEARS = [2021, 2022, 2023, 2024] as const;
export const CURRENT_ACADEMIC_YEAR = 2024;
