"""Plain shapes: points, paths and the technique marks. Standard library only; the bottom layer."""
