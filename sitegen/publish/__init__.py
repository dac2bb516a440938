"""Publishing: static files, the output folder, deploying."""
