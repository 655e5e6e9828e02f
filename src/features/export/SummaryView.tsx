import type { Block, Summary } from '../../domain/summary.ts'

/** The summary model as HTML: what the downloads will say, in the language chosen for them. */
export function SummaryView({ summary }: { summary: Summary }) {
  return (
    <article className="summary-view" lang={summary.locale === 'en' ? 'en' : summary.locale === 'nn' ? 'nn' : 'nb'} data-testid="summary-preview">
      <h3 className="summary-title">{summary.title}</h3>
      {summary.sections.map((s) => (
        <section key={s.id} data-section={s.id}>
          <h4>{s.heading}</h4>
          {s.blocks.map((b, i) => (
            <BlockView key={i} block={b} />
          ))}
        </section>
      ))}
    </article>
  )
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? <h5>{block.text}</h5> : <h6>{block.text}</h6>
    case 'paragraph':
      return <p>{block.text}</p>
    case 'list':
      return block.numbers ? (
        <ol>
          {block.items.map((item, i) => (
            <li key={i} value={block.numbers?.[i]}>
              {item}
            </li>
          ))}
        </ol>
      ) : (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )
    case 'table':
      return (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={block.header.join(', ')}>
          <table>
            <thead>
              <tr>
                {block.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    case 'facts':
      return (
        <dl className="facts">
          {block.items.map((f, i) => (
            <div key={i}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )
  }
}
