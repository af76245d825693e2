"""What analysts read: the pandas API, plots, the HTML report, interchange
formats (CAMEO-style TSV, JSON Lines) and evaluation against gold events."""
