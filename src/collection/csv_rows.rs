//! CSV iteration data, read as Newman reads it (csv-parse with `columns`, `trim`, `relax`,
//! `relax_column_count`, `bom`): the first record names the columns; spaces and tabs
//! around a field are dropped (inside quotes they are kept); `""` inside quotes is one
//! quote; a quote inside an unquoted field is an ordinary character; a record with fewer
//! fields than columns leaves the others unset, extra fields are dropped; a blank line is
//! a record whose first field is empty; a final line break ends the last record.

/// Why a CSV text is malformed: where, and what.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CsvError {
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// 1-based record number (the header is record 0).
    pub record: usize,
    /// What is wrong.
    pub message: String,
}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// Its text (quotes removed).
    pub text: String,
    /// Written in quotes: Newman never casts it to a number.
    pub quoted: bool,
}

/// The records of `text` (header first), each a list of fields.
pub(crate) fn records(text: &str) -> Result<Vec<Vec<Field>>, CsvError> {
    let mut reader = Reader {
        records: Vec::new(),
        record: Vec::new(),
        field: String::new(),
        quoting: false,
        was_quoting: false,
        line: 1,
        column: 0,
        quote_at: (1, 1),
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        reader.column += 1;
        if reader.quoting {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    reader.column += 1;
                    reader.field.push('"');
                } else {
                    reader.quoting = false;
                    reader.was_quoting = true;
                }
            } else {
                reader.push_char(c);
            }
            continue;
        }
        match c {
            ',' => reader.end_field(),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                reader.end_field();
                reader.end_record();
                reader.line += 1;
                reader.column = 0;
            }
            ' ' | '\t' if reader.field.is_empty() && !reader.was_quoting => {}
            _ if reader.was_quoting => {
                if !matches!(c, ' ' | '\t') {
                    return Err(reader.error(format!(
                        "{c:?} after the closing quote of a field (only spaces may come before the next comma)"
                    )));
                }
            }
            '"' if reader.field.is_empty() => {
                reader.quoting = true;
                reader.quote_at = (reader.line, reader.column);
            }
            _ => reader.field.push(c),
        }
    }
    if reader.quoting {
        let (line, column) = reader.quote_at;
        return Err(CsvError {
            line,
            column,
            record: reader.records.len(),
            message: "the quote opening this field is never closed".into(),
        });
    }
    if reader.was_quoting || !reader.record.is_empty() || !reader.field.is_empty() {
        reader.end_field();
        reader.end_record();
    }
    Ok(reader.records)
}

struct Reader {
    records: Vec<Vec<Field>>,
    record: Vec<Field>,
    field: String,
    quoting: bool,
    was_quoting: bool,
    line: usize,
    column: usize,
    quote_at: (usize, usize),
}

impl Reader {
    /// A character inside quotes (line breaks move the position on).
    fn push_char(&mut self, c: char) {
        if c == '\n' {
            self.line += 1;
            self.column = 0;
        }
        self.field.push(c);
    }

    fn end_field(&mut self) {
        let mut field = std::mem::take(&mut self.field);
        if !self.was_quoting {
            field.truncate(field.trim_end_matches([' ', '\t']).len());
        }
        self.record.push(Field {
            text: field,
            quoted: self.was_quoting,
        });
        self.was_quoting = false;
    }

    fn end_record(&mut self) {
        self.records.push(std::mem::take(&mut self.record));
    }

    fn error(&self, message: String) -> CsvError {
        CsvError {
            line: self.line,
            column: self.column,
            record: self.records.len(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| r.into_iter().map(|f| f.text).collect())
            .collect()
    }

    #[test]
    fn quoted_fields_are_told() {
        let r = records("a,b
\"1\",2\n").unwrap();
        assert_eq!(
            r[1].iter().map(|f| f.quoted).collect::<Vec<_>>(),
            [true, false]
        );
    }

    #[test]
    fn quotes_commas_and_trimming() {
        let text = "a, b ,c,d,e\n\"x, y\",\"say \"\"hi\"\"\", \"q\" ,un \"quoted\" ok, \" kept \"\n";
        assert_eq!(
            rows(text)[1],
            ["x, y", "say \"hi\"", "q", "un \"quoted\" ok", " kept "]
        );
        assert_eq!(rows(text)[0], ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn line_endings_blank_lines_and_the_last_record() {
        assert_eq!(rows("a\r\n1\r\n\r\n2"), [["a"], ["1"], [""], ["2"]]);
        assert_eq!(rows("a\n1\n"), [["a"], ["1"]]);
        assert_eq!(rows("a\n\"\"\n"), [["a"], [""]]);
        assert_eq!(rows("a\n\"multi\nline\"\n"), [["a"], ["multi\nline"]]);
        assert!(rows("").is_empty());
    }

    #[test]
    fn ragged_records_are_kept_as_they_are() {
        assert_eq!(rows("a,b,c\n1\n1,2,3,4\n"), vec![vec!["a", "b", "c"], vec!["1"], vec!["1", "2", "3", "4"]]);
    }

    #[test]
    fn malformed_quotes_are_located() {
        let e = records("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!((e.line, e.column, e.record), (2, 3, 1));
        assert!(e.message.contains("never closed"), "{e:?}");
        let e = records("a\n\"é\"x\n").unwrap_err();
        assert_eq!((e.line, e.column, e.record), (2, 4, 1));
        assert!(e.message.contains("after the closing quote"), "{e:?}");
    }
}
