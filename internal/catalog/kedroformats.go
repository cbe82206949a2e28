package catalog

// kedroFormats are the stdlib-only datasets that stand for Kedro's types
// of the same names (images, plots, tracking, pickles, pandas JSON).
func kedroFormats() map[string]Factory {
	return map[string]Factory{
		"pillow.ImageDataset":          newImageDataset,
		"matplotlib.MatplotlibDataset": newMatplotlibDataset,
		"matplotlib.MatplotlibWriter":  newMatplotlibDataset,
		"plotly.JSONDataset":           newPlotlyJSONDataset,
		"plotly.PlotlyDataset":         newPlotlyDataset,
		"tracking.JSONDataset":         newTrackingDataset,
		"tracking.MetricsDataset":      newTrackingDataset,
		"pickle.PickleDataset":         newPickleDataset,
		"pandas.JSONDataset":           newPandasJSONDataset,
	}
}
