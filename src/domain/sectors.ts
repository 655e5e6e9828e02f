/**
 * The matrix's basic vocabulary (sectors and effort statuses), apart from matrix.ts so the
 * template schema can use it without loading the gap rules, example cards and their schemas.
 */
export interface Bilingual {
  readonly nb: string
  readonly en: string
}
export type TextLocale = 'nb' | 'en'

export interface Sector {
  id: string
  name: Bilingual
}

export const MAX_SECTORS = 20
export const MAX_SECTOR_NAME = 60
/** A sector id: lower-case letters, digits, _ and -, so ids cannot contain the "/" of cell keys. */
export const SECTOR_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/

/** The source shows only OPPVEKST; the rest follow folkehelseloven § 7 and usual municipal units. */
export const DEFAULT_SECTORS: readonly Sector[] = [
  { id: 'oppvekst', name: { nb: 'Oppvekst', en: 'Childhood and education' } },
  { id: 'helse_omsorg', name: { nb: 'Helse og omsorg', en: 'Health and care' } },
  { id: 'kultur_fritid', name: { nb: 'Kultur/idrett/fritid', en: 'Culture, sport and leisure' } },
  { id: 'plan_areal', name: { nb: 'Plan/areal/samferdsel', en: 'Planning, land use and transport' } },
  { id: 'bolig', name: { nb: 'Bolig', en: 'Housing' } },
  { id: 'arbeid_inntekt', name: { nb: 'Arbeid/inntekt/inkludering', en: 'Work, income and inclusion' } },
  { id: 'integrering', name: { nb: 'Integrering', en: 'Integration' } },
  { id: 'tverrsektoriell', name: { nb: 'Sektorovergripende', en: 'Cross-sectoral' } },
]

export const EFFORT_STATUSES = ['existing', 'planned', 'proposed'] as const
export type EffortStatus = (typeof EFFORT_STATUSES)[number]

