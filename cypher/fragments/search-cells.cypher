    // One search cell per name form with a Chinese character the cjk analyzer pairs (the forms a
    // query of read/search-han can be in; src/search/search-cells.ts, CELL_FORM): the kind and the
    // form's length (`<kind>long` past $searchCellMax), each once, so that search's third tier
    // finds the entities of its best cells first (read/search-cells, migration 0019).
    n.searchCells = reduce(cells = [], cell IN [k IN coalesce(n.searchKeys, []) WHERE k =~ '.*[\u3400-\u4dbf\u4e00-\u9fff].*' |
        toLower(replace(n.kind, '_', '')) + CASE WHEN size(k) <= $searchCellMax THEN toString(size(k)) ELSE 'long' END] |
      CASE WHEN cell IN cells THEN cells ELSE cells + cell END)
