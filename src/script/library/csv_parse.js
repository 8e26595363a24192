// csv-parse 4's synchronous `parse(input, options)`; records are split by natives.
function CsvError(code, message, extra) {
  var e = new Error(message);
  e.code = code;
  if (extra) Object.keys(extra).forEach(function (k) { e[k] = extra[k]; });
  return e;
}

function isFloat(value) { return (value - parseFloat(value) + 1) >= 0; }

module.exports = function parse(input, options) {
  var o = options || {};
  if (typeof input !== 'string') input = input == null ? '' : String(input);
  var bom = input.charCodeAt(0) === 0xFEFF;
  if (bom && o.bom) { input = input.slice(1); bom = false; }
  var delimiter = o.delimiter === undefined ? ',' : Array.isArray(o.delimiter) ? o.delimiter[0] : String(o.delimiter);
  var quote = o.quote === undefined || o.quote === true ? '"' : (o.quote === null || o.quote === false || o.quote === '' ? null : String(o.quote));
  var dialect = {
    delimiter: delimiter,
    quote: quote,
    escape: o.escape === undefined ? '"' : o.escape === null || o.escape === false ? null : String(o.escape),
    comment: o.comment ? String(o.comment) : null,
    trim: !!(o.trim || o.ltrim || o.rtrim)
  };
  var rows = JSON.parse(native.records(input, JSON.stringify(dialect)));
  if (bom && rows.length && rows[0][1].length) rows[0][1][0] = '\uFEFF' + rows[0][1][0];
  var fromLine = o.from_line || 1, toLine = o.to_line || Infinity;
  var from = o.from || 1, to = o.to || Infinity;
  var castField = typeof o.cast === 'function' ? o.cast : null;
  var cast = !!o.cast;
  var castDate = o.cast_date === true ? function (v) { var d = Date.parse(v); return isNaN(d) ? v : new Date(v); } : (typeof o.cast_date === 'function' ? o.cast_date : null);
  var columns = o.columns === undefined || o.columns === false ? null : o.columns;
  var header = columns === true || typeof columns === 'function';
  var names = Array.isArray(columns) ? normalizeColumns(columns) : null;
  var out = [], count = 0, expected = null;

  function normalizeColumns(list) {
    return list.map(function (c) {
      if (c === undefined || c === null || c === false) return { disabled: true };
      if (typeof c === 'string') return { name: c };
      if (typeof c === 'object' && typeof c.name === 'string') return c;
      throw CsvError('CSV_INVALID_COLUMN_DEFINITION', 'Invalid column definition: expect a string or a literal object, got ' + JSON.stringify(c) + ' at position 0');
    });
  }

  function castValue(value, index, line, isHeader) {
    if (!cast) return value;
    if (castField) {
      return castField(value, {
        column: names && !isHeader && names[index] ? names[index].name : index,
        empty_lines: 0, header: isHeader, index: index, quoting: false, lines: line,
        records: count, invalid_field_length: 0
      });
    }
    if (isFloat(value)) return parseFloat(value);
    if (castDate) return castDate(value);
    return value;
  }

  for (var r = 0; r < rows.length; r++) {
    var line = rows[r][0], fields = rows[r][1];
    if (line < fromLine) continue;
    if (line > toLine) break;
    if (o.skip_empty_lines && fields.length === 1 && fields[0] === '') continue;
    if (o.skip_lines_with_empty_values && fields.every(function (f) { return f.trim() === ''; })) continue;
    var isHeader = header && names === null;
    var record = fields.map(function (f, i) { return castValue(f, i, line, isHeader); });
    if (isHeader) {
      names = normalizeColumns(typeof columns === 'function' ? columns(record) : record);
      continue;
    }
    if (names) {
      if (names.length !== record.length && !o.relax_column_count) {
        throw CsvError('CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH', 'Invalid Record Length: columns length is ' + names.length + ', got ' + record.length + ' on line ' + line, { lines: line, record: record });
      }
    } else if (expected === null) {
      expected = record.length;
    } else if (record.length !== expected && !o.relax_column_count) {
      throw CsvError('CSV_INCONSISTENT_RECORD_LENGTH', 'Invalid Record Length: expect ' + expected + ', got ' + record.length + ' on line ' + line, { lines: line, record: record });
    }
    count++;
    if (count < from) continue;
    if (count > to) break;
    if (names) {
      var obj = {};
      for (var i = 0; i < names.length && i < record.length; i++) {
        if (names[i].disabled) continue;
        obj[names[i].name] = record[i];
      }
      if (o.objname !== undefined) {
        var keyed = {};
        keyed[obj[o.objname]] = obj;
        out.push(keyed);
      } else out.push(obj);
    } else out.push(record);
  }
  if (o.objname !== undefined) {
    var merged = {};
    out.forEach(function (k) { Object.keys(k).forEach(function (key) { merged[key] = k[key]; }); });
    return merged;
  }
  return out;
};
