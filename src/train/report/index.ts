// The trainer's report: report.json / report.html for a run, experiment.json / experiment.html for
// a comparison of losses.
export {
  histogramSpec,
  learningCurvesSpec,
  metricBarsSpec,
  renderSvg,
  scatterSpec,
  THEME,
  type VegaLiteSpec,
} from './plots.js';
export { renderExperimentHtml, renderReportHtml } from './report_html.js';
export {
  bestEpoch,
  buildExperimentJson,
  buildReportJson,
  formatExperimentTable,
  formatMeanSd,
  meanSd,
  summarizeExperiment,
} from './report_json.js';
export type {
  EpochRecord,
  ExperimentJson,
  ExperimentMeta,
  ExperimentRun,
  ExperimentSummaryRow,
  MeanSd,
  PredictionSet,
  ReportInput,
  ReportJson,
  SplitMetrics,
} from './report_types.js';
export { writeExperimentReport, writeReport } from './write_report.js';
