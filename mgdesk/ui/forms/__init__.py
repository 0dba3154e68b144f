"""The Forms tab: the magnesium forms compared."""
