//! The tables as Parquet (cargo feature `parquet`): the facts table in its
//! typed columns ([`super::facts::SCHEMA`]), the summaries table as its
//! rows' fields with each report's summary a JSON text column, the header
//! in the file's key-value metadata (key `factlint-summaries`).

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use super::{Header, Row, TABLE};

/// Rows written at a time: what is held of a table while it is written.
const BATCH: usize = 64 * 1024;

/// The columns of the summaries table.
pub const SUMMARY_SCHEMA: &[(&str, &str)] = &[
    ("input", "BIGINT"),
    ("name", "STRING"),
    ("path", "STRING"),
    ("report", "STRING"),
    ("problem", "STRING"),
];

fn data_type(sql: &str) -> DataType {
    match sql {
        "BIGINT" => DataType::Int64,
        "DOUBLE" => DataType::Float64,
        "BOOLEAN" => DataType::Boolean,
        _ => DataType::Utf8,
    }
}

/// One column of a batch from the field `name` of each row.
fn column(rows: &[Value], name: &str, sql: &str) -> ArrayRef {
    fn field<'v>(r: &'v Value, name: &str) -> Option<&'v Value> {
        r.get(name).filter(|v| !v.is_null())
    }
    match data_type(sql) {
        DataType::Int64 => {
            let mut b = Int64Builder::with_capacity(rows.len());
            rows.iter()
                .for_each(|r| b.append_option(field(r, name).and_then(Value::as_i64)));
            Arc::new(b.finish())
        }
        DataType::Float64 => {
            let mut b = Float64Builder::with_capacity(rows.len());
            rows.iter()
                .for_each(|r| b.append_option(field(r, name).and_then(Value::as_f64)));
            Arc::new(b.finish())
        }
        DataType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(rows.len());
            rows.iter()
                .for_each(|r| b.append_option(field(r, name).and_then(Value::as_bool)));
            Arc::new(b.finish())
        }
        _ => {
            let mut b = StringBuilder::new();
            for r in rows {
                match field(r, name) {
                    Some(Value::String(s)) => b.append_value(s),
                    Some(v) => b.append_value(v.to_string()),
                    None => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
    }
}

/// Writes rows (each a JSON object) as a Parquet file of these columns,
/// with the given key-value metadata.
pub fn write<W: std::io::Write + Send>(
    out: W,
    columns: &[(&str, &str)],
    rows: impl Iterator<Item = Value>,
    metadata: Vec<(String, String)>,
) -> Result<(), String> {
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|(n, t)| Field::new(*n, data_type(t), true))
            .collect::<Vec<_>>(),
    ));
    let props = WriterProperties::builder()
        .set_key_value_metadata(Some(
            metadata
                .into_iter()
                .map(|(k, v)| KeyValue::new(k, v))
                .collect(),
        ))
        .build();
    let mut w =
        ArrowWriter::try_new(out, Arc::clone(&schema), Some(props)).map_err(|e| e.to_string())?;
    let mut batch: Vec<Value> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Value>, w: &mut ArrowWriter<W>| -> Result<(), String> {
        if batch.is_empty() {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = columns.iter().map(|(n, t)| column(batch, n, t)).collect();
        let rb = RecordBatch::try_new(Arc::clone(&schema), arrays).map_err(|e| e.to_string())?;
        w.write(&rb).map_err(|e| e.to_string())?;
        batch.clear();
        Ok(())
    };
    for r in rows {
        batch.push(r);
        if batch.len() == BATCH {
            flush(&mut batch, &mut w)?;
        }
    }
    flush(&mut batch, &mut w)?;
    w.close().map_err(|e| e.to_string())?;
    Ok(())
}

/// The summaries table of a shard as Parquet.
pub fn write_summaries<W: std::io::Write + Send>(
    out: W,
    header: &Header,
    rows: &[Row],
) -> Result<(), String> {
    let header = serde_json::to_string(header).map_err(|e| e.to_string())?;
    let flat = rows.iter().map(|r| {
        let json = |v: Option<String>| v.map_or(Value::Null, Value::String);
        serde_json::json!({
            "input": r.input,
            "name": r.name,
            "path": r.path,
            "report": json(r.report.as_ref().and_then(|x| serde_json::to_string(x).ok())),
            "problem": json(r.problem.as_ref().and_then(|x| serde_json::to_string(x).ok())),
        })
    });
    write(out, SUMMARY_SCHEMA, flat, vec![(TABLE.to_string(), header)])
}

/// A JSON text column's value read back.
fn decode<T: serde::de::DeserializeOwned>(
    v: Option<String>,
    what: &str,
    row: usize,
) -> Result<Option<T>, String> {
    v.map(|s| serde_json::from_str(&s).map_err(|e| format!("row {row}: {what}: {e}")))
        .transpose()
}

/// Whether these bytes are a Parquet file (its magic number).
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PAR1")
}

/// The header (as JSON, to be checked by the caller) and the rows of a
/// summaries table written as Parquet; errors say what is wrong.
pub fn read_summaries(file: std::fs::File) -> Result<(Value, Vec<Row>), String> {
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| e.to_string())?;
    let header = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|k| k.key == TABLE))
        .and_then(|k| k.value.clone())
        .ok_or_else(|| format!("no `{TABLE}` header in its metadata"))?;
    let header: Value = serde_json::from_str(&header).map_err(|e| format!("its header: {e}"))?;
    let reader = builder.build().map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| e.to_string())?;
        let text = |name: &str| -> Result<&StringArray, String> {
            batch
                .column_by_name(name)
                .and_then(|c| c.as_any().downcast_ref::<StringArray>())
                .ok_or_else(|| format!("no text column `{name}`"))
        };
        let input = batch
            .column_by_name("input")
            .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
            .ok_or("no integer column `input`")?;
        let (name, path, report, problem) = (
            text("name")?,
            text("path")?,
            text("report")?,
            text("problem")?,
        );
        for i in 0..batch.num_rows() {
            let get = |a: &StringArray| (!a.is_null(i)).then(|| a.value(i).to_string());
            let n = rows.len() + 1;
            rows.push(Row {
                input: usize::try_from(input.value(i)).map_err(|e| e.to_string())?,
                name: get(name).unwrap_or_default(),
                path: get(path).unwrap_or_default(),
                report: decode(get(report), "report", n)?,
                problem: decode(get(problem), "problem", n)?,
            });
        }
    }
    Ok((header, rows))
}
