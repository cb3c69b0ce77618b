"""Reads a spreadsheet (.xlsx) with openpyxl, an independent reader, and prints its first sheet
as JSON: {"sheet": name, "rows": [[cell, ...], ...]}, dates as YYYY-MM-DD and each cell's number
format alongside numbers and dates ({"v": value, "fmt": format})."""
import datetime
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]


def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        return {"v": v.date().isoformat(), "fmt": c.number_format}
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {"v": v, "fmt": c.number_format}
    return v


print(json.dumps({"sheet": sheet.title, "rows": [[cell(c) for c in row] for row in sheet.iter_rows()]}))
