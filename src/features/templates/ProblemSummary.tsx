import type { Ref } from 'react'
import { useT } from '../../app/context.tsx'
import type { TemplateProblem } from '../../domain/template.ts'
import { fieldDomId, hasControl } from './editing.ts'
import { problemLine } from './problemText.ts'

/** The list of problems after a failed save, each linking to its field. Focused on a failed save. */
export function ProblemSummary({ problems, ref }: { problems: readonly TemplateProblem[]; ref: Ref<HTMLDivElement> }) {
  const t = useT()
  return (
    <div ref={ref} tabIndex={-1} className="banner banner-error problem-summary" aria-labelledby="tpl-problems-h" role="group" data-testid="editor-problems">
      <h2 id="tpl-problems-h">{t('templates.editor.invalid')}</h2>
      <ul>
        {problems.map((p) => {
          const line = problemLine(p, t)
          const id = fieldDomId(p.path)
          return (
            <li key={`${p.code}:${p.path}`}>
              {hasControl(p.path) ? (
                <a
                  href={`#${id}`}
                  onClick={(e) => {
                    e.preventDefault()
                    document.getElementById(id)?.focus()
                  }}
                >
                  {line}
                </a>
              ) : (
                line
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
