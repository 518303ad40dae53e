"""Roles and strategic-support needs posted by partner companies."""
