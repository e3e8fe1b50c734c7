"""Audible demo (scripted customer + agent); see README."""
