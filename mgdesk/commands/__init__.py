"""One module per command of the command line; `mgdesk.cli` imports the one that runs."""
