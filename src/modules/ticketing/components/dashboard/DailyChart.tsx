// Tickets created and resolved per day (recharts), with the same figures as a table for screen readers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TicketStats } from '../../types/stats';
import { formatDay, formatShortDay } from '../format';

export function DailyChart({ perDay }: { perDay: TicketStats['perDay'] }) {
  const data = perDay.map((d) => ({ ...d, day: formatShortDay(d.date) }));
  return (
    <section className="card p-4" aria-labelledby="daily-chart-title">
      <h2 id="daily-chart-title" className="text-sm font-semibold text-slate-700">
        Created and resolved per day
      </h2>
      <div className="mt-3 h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {/* No keyboard layer: the chart is hidden from assistive technology; the table below carries the figures. */}
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="created" name="Created" fill="#1d7fd6" radius={[3, 3, 0, 0]} />
            <Bar dataKey="resolved" name="Resolved" fill="#10b981" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Tickets created and resolved per day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Created</th>
            <th scope="col">Resolved</th>
          </tr>
        </thead>
        <tbody>
          {perDay.map((d) => (
            <tr key={d.date}>
              <th scope="row">{formatDay(d.date)}</th>
              <td>{d.created}</td>
              <td>{d.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
