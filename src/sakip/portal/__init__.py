"""The top layer: the pages that compose every app — home page, menu, inbox — and the demo.

Each app answers its own questions (its counts, its queue, its demo data); portal only puts
the answers together, so no lower app has to import a higher one to draw a page.
"""
