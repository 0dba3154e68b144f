"""The Journal tab: diary and chart, pain map and try-it plan."""
