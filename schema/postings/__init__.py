"""GraphQL of roles and strategic-support needs."""
