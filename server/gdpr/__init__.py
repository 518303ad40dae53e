"""Members' GDPR rights (access, erasure, retention): a composer over every domain holding their data."""
