"""The clickable body map: geometry, SVG drawing, selection rules, panel data and the component."""
