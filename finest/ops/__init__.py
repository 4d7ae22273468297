"""Operations: health checks, structured logs with request ids, the fail-soft cache,
Sentry, and the admin site with optional two-factor login."""
