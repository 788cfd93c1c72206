import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One series of a chart: its name (the legend) and a value per point. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
}

const width = 640;
const height = 240;

/**
 * A uPlot chart: over time when `x` holds instants (seconds), or bars over
 * named categories (reps, templates) when `categories` is given. The
 * figures stay readable without it: every chart sits above its table.
 */
export function ReportChart(props: {
  title: string;
  x?: readonly number[];
  categories?: readonly string[];
  series: readonly ChartSeries[];
}) {
  const target = useRef<HTMLDivElement>(null);
  const { title, x, categories, series } = props;

  useEffect(() => {
    if (!target.current) return;
    const xs = categories ? categories.map((_, index) => index) : [...(x ?? [])];
    const bars = categories ? uPlot.paths.bars?.({ size: [0.6, 64] }) : undefined;
    const chart = new uPlot(
      {
        title,
        width,
        height,
        scales: {
          x: categories
            ? { time: false, range: [-0.5, Math.max(0, categories.length - 0.5)] }
            : { time: true },
        },
        axes: [
          categories
            ? {
                splits: () => xs,
                values: (_chart, splits) => splits.map((index) => categories[index] ?? ''),
              }
            : {},
          {},
        ],
        series: [
          {},
          ...series.map((line) => ({
            label: line.label,
            stroke: line.color,
            fill: categories ? `${line.color}99` : undefined,
            width: 2,
            ...(bars ? { paths: bars } : {}),
          })),
        ],
      },
      [xs, ...series.map((line) => [...line.values])],
      target.current,
    );
    return () => chart.destroy();
  }, [title, x, categories, series]);

  return <div className="report-chart" role="img" aria-label={title} ref={target} />;
}
