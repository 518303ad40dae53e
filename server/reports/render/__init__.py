"""Report renderers: one module per format, all reading the same `ReportDocument`."""
