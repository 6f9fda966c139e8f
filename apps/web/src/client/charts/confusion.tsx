/** The confusion matrix as a table, each cell shaded by its share of the true class's examples. */
import { confusionColor } from './colors.js';

export function ConfusionMatrix({ counts, classNames }: { counts: number[][]; classNames: string[] }) {
  return (
    <table class="confusion" data-testid="confusion">
      <caption>Test set: rows are the true class, columns the predicted one</caption>
      <thead>
        <tr>
          <th />
          {classNames.map((n) => (
            <th scope="col" key={n}>
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.map((row, t) => {
          const total = row.reduce((x, y) => x + y, 0) || 1;
          return (
            <tr key={t}>
              <th scope="row">{classNames[t]}</th>
              {row.map((n, p) => {
                const share = n / total;
                return (
                  <td key={p} style={{ background: confusionColor(share), color: share > 0.5 ? '#fff' : '#111' }} title={`true ${classNames[t]}, predicted ${classNames[p]}: ${n}`}>
                    {n}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
