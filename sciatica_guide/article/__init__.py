"""The article feature: the article's pages verbatim, the sources page, the presenter's slides, the
printed handout and the technique figure."""
