import { useId } from 'react'
import type { NoteColor } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'

/** A radio group of named colours: colour is never the only cue, each swatch has its name. */
export function ColorPicker(props: { label: string; value: NoteColor; onChange(c: NoteColor): void; colors: readonly NoteColor[] }) {
  const t = useT()
  const name = useId()
  return (
    <fieldset className="color-picker">
      <legend>{props.label}</legend>
      {props.colors.map((c) => (
        <label key={c} className={`swatch swatch-${c}`} title={t(`color.${c}`)}>
          <input type="radio" name={name} value={c} checked={props.value === c} onChange={() => props.onChange(c)} />
          <span className="visually-hidden">{t(`color.${c}`)}</span>
        </label>
      ))}
    </fieldset>
  )
}
