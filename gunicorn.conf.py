# gunicorn reads this file from its working directory (/app in the image) on every start.
# The access log goes through a logger that redacts the newsletter's signed tokens.
logger_class = "finest.ops.gunicorn.RedactingLogger"
