"""PDFs drawn with ReportLab: the certificates and the results report, written to a stream.

ReportLab is imported only when printing, to keep it off the window's start-up path.
"""
