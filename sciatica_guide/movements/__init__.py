"""Gentle movements: which to show (plan), and their moving pictures (figure)."""
