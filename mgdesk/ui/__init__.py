"""Qt front end: the main window, one module per tab, item models and small widgets."""
