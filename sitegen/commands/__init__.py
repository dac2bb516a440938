"""What people run: the command line, the preview, new items, translations."""
