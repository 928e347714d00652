"""Drawing a map without Qt: the card fonts' metrics (a table Qt measured once), card
measure and wrapping, edge curves, placing cards, and the SVG export written from them.

The Qt painting in ``app.render`` shares all of it but the fonts' metrics (it asks Qt), so
the canvas, the PNG/PDF exports and the SVG export draw one picture; the command line's SVG
export loads no Qt at all.
"""
