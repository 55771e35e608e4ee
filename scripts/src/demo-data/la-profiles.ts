/**
 * What the generator knows about each LA, approximately as in England (2023/24, rounded): its number of state-funded
 * schools (used only as a weight), the mean share of pupils eligible for free school meals, its postcode areas, and
 * flags: `c` coastal, `r` largely rural, `m` has middle schools.
 */
export interface LaProfile {
  /** Approximate number of state-funded schools (a weight; sizes scale it). */
  schools: number;
  /** Mean % FSM of its schools. */
  fsm: number;
  postcodeAreas: string[];
  coastal: boolean;
  rural: boolean;
  middleSchools: boolean;
}

// la_code schools fsm postcode-areas flags
const TABLE = `
201 1 20 EC -
202 60 33 NW,WC -
203 85 30 SE -
204 75 38 E,N -
205 50 33 W -
206 60 42 N,EC -
207 35 33 W,SW -
208 80 33 SW,SE -
209 85 32 SE -
210 100 36 SE -
211 95 48 E -
212 80 24 SW -
213 55 38 W,SW,NW -
301 65 30 RM,IG -
302 140 21 N,NW,EN -
303 75 20 DA -
304 85 27 NW,HA -
305 100 16 BR -
306 120 27 CR,SE -
307 100 25 W,UB -
308 100 30 EN,N -
309 80 31 N -
310 65 17 HA -
311 85 20 RM -
312 100 22 UB,HA -
313 80 25 TW -
314 50 13 KT -
315 55 19 SW,SM,CR -
316 90 32 E -
317 80 21 IG -
318 60 10 TW -
319 60 14 SM -
320 75 27 E -
330 440 38 B -
331 120 28 CV -
332 105 27 DY -
333 120 34 B -
334 80 18 B -
335 110 33 WS -
336 100 36 WV -
340 65 42 L -
341 165 40 L -
342 65 28 WA -
343 110 26 L,PR c
344 115 28 CH c
350 125 29 BL -
351 80 21 BL -
352 190 42 M -
353 110 31 OL -
354 90 31 OL -
355 95 35 M -
356 120 17 SK -
357 100 29 SK,OL -
358 95 14 M,WA -
359 140 24 WN -
370 95 28 S -
371 130 30 DN -
372 125 28 S -
373 170 30 S -
380 210 29 BD -
381 105 24 HX -
382 185 22 HD,WF -
383 270 26 LS -
384 150 25 WF -
390 85 32 NE -
391 95 37 NE -
392 80 24 NE c
393 60 35 NE c
394 120 32 SR c
420 1 12 TR cr
800 75 14 BA -
801 150 25 BS -
802 80 17 BS c
803 105 12 BS -
805 40 37 TS c
806 50 44 TS -
807 60 34 TS c
808 75 27 TS -
810 100 38 HU c
811 170 16 HU,YO cr
812 70 34 DN c
813 75 23 DN -
815 370 15 YO,HG,DL,BD cr
816 65 14 YO -
821 75 22 LU -
822 80 17 MK m
823 135 14 LU,SG,MK m
825 240 12 HP,SL r
826 120 19 MK -
830 420 21 DE,S,SK r
831 95 27 DE -
838 160 16 DT,BH crm
839 90 19 BH c
840 270 30 DH,DL r
841 40 27 DL -
845 190 21 TN,BN c
846 80 20 BN c
850 520 15 SO,GU,PO,RG r
851 65 26 PO c
852 85 28 SO c
855 280 13 LE -
856 120 27 LE -
857 20 8 LE r
860 380 18 ST,WS,DE m
861 100 35 ST -
865 240 14 SN,SP,BA r
866 80 20 SN -
867 40 12 RG -
868 50 11 SL -
869 80 11 RG r
870 50 22 RG -
871 45 20 SL -
872 70 8 RG -
873 270 15 CB,PE r
874 80 26 PE -
876 65 32 WA -
877 90 17 WA -
878 370 18 EX,TQ,PL crm
879 100 29 PL c
880 45 31 TQ c
881 560 17 CM,CO,SS -
882 55 24 SS c
883 60 23 RM -
884 95 19 HR r
885 250 18 WR,DY,B rm
886 600 21 ME,CT,TN,DA c
887 100 24 ME -
888 630 22 PR,BB,LA,FY -
889 80 33 BB -
890 45 42 FY c
891 350 21 NG -
892 100 40 NG -
893 160 17 SY,TF r
894 80 30 TF -
895 160 14 CW,SK -
896 160 18 CH,CW -
908 280 24 TR,PL cr
916 290 16 GL -
919 520 13 AL,SG,WD,HP m
921 50 26 PO c
925 380 22 LN,PE,NG crm
926 430 22 NR,PE cr
929 170 25 NE crm
931 290 13 OX -
933 270 20 TA,BA rm
935 330 19 IP,CO,CB cm
936 400 11 GU,KT,RH -
937 250 16 CV,B -
938 290 15 RH,BN,PO cm
940 140 21 NN -
941 180 19 NN -
942 140 24 CA cr
943 130 18 LA cr
`;

const PROFILES = new Map<string, LaProfile>(
  TABLE.trim()
    .split('\n')
    .map((line) => {
      const [code, schools, fsm, areas, flags] = line.trim().split(/\s+/);
      return [
        code,
        {
          schools: Number(schools),
          fsm: Number(fsm),
          postcodeAreas: areas.split(','),
          coastal: flags.includes('c'),
          rural: flags.includes('r'),
          middleSchools: flags.includes('m'),
        },
      ];
    }),
);

export function laProfile(laCode: string): LaProfile {
  const profile = PROFILES.get(laCode);
  if (!profile) throw new Error(`no demo-data profile for LA ${laCode}`);
  return profile;
}

/** The short form of an LA name used in place and hub names ("Stockton-on-Tees" stays, "Bristol, City of" → "Bristol"). */
export function shortLaName(name: string): string {
  return name
    .replace(/, (City|County) of$/, '')
    .replace(/^City of /, '')
    .replace(/^Kingston upon Hull$/, 'Hull');
}
