"""Screens: the main browser screen, help and others."""
