using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Contest.Engine.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Contest.Engine.Storage;

/// <summary>
/// Inserts many new rows in one transaction, for the group-commit writers and the question import: multi-row
/// INSERT statements on PostgreSQL, one prepared single-row INSERT re-run per row on SQLite.
/// EF's change tracker cost about as much CPU per row as the rest of an answer's path, which on a 2-core host
/// under a burst of thousands of answers is the difference between a quick acknowledgement and a queue.
/// Parameters are built by EF's own type mappings, so every value is stored exactly as SaveChanges would
/// store it on either provider; text is NFC-normalised as <see cref="ContestDb"/> does.
/// </summary>
public static class BulkInsert
{
    // Far below SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
    private const int MaxParameters = 2000;

    private static readonly ConcurrentDictionary<(Type Context, Type Row), Shape> Shapes = new();

    /// <summary>Inserts <paramref name="rows"/> (entities of mapped types, each new) and commits; all or nothing.</summary>
    public static async Task InsertAsync(ContestDb db, IReadOnlyList<object> rows, CancellationToken cancel = default)
    {
        if (rows.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(cancel);
        var connection = db.Database.GetDbConnection();
        // SQLite finds each named parameter by a linear search of the statement's names, so a statement with
        // two thousand parameters spent most of its time in strncmp (a tenth of the server's CPU under a burst of
        // answers). There one prepared single-row statement is re-run per row, which costs no round trips in-process.
        var perStatementCap = db.Database.IsSqlite() ? 1 : int.MaxValue;
        foreach (var group in rows.GroupBy(r => r.GetType()))
        {
            var shape = Shapes.GetOrAdd((db.GetType(), group.Key), k => Shape.Of(db, k.Row));
            var perStatement = Math.Min(perStatementCap, Math.Max(1, MaxParameters / shape.Columns.Length));
            await using var command = connection.CreateCommand();
            command.Transaction = tx.GetDbTransaction();
            foreach (var chunk in group.Chunk(perStatement))
            {
                var sql = shape.Sql(chunk.Length);
                if (command.CommandText != sql) command.CommandText = sql;
                command.Parameters.Clear();
                var n = 0;
                foreach (var row in chunk)
                {
                    foreach (var column in shape.Columns)
                    {
                        var value = column.Property.PropertyInfo!.GetValue(row);
                        value = value switch
                        {
                            string s => TextNormalizer.Nfc(s),
                            List<string> list => list.ConvertAll(TextNormalizer.Nfc),
                            _ => value,
                        };
                        command.Parameters.Add(column.Mapping.CreateParameter(command, "@p" + n++, value, column.Property.IsNullable));
                    }
                }
                await command.ExecuteNonQueryAsync(cancel);
            }
        }
        await tx.CommitAsync(cancel);
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed class Shape(string head, Column[] columns)
    {
        public Column[] Columns => columns;

        private string? _oneRow;

        public string Sql(int rows)
        {
            if (rows == 1 && _oneRow is not null) return _oneRow;
            var sql = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? " (" : ", (");
                for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "@p" : ", @p").Append(n++);
                sql.Append(')');
            }
            var text = sql.ToString();
            if (rows == 1) _oneRow = text;
            return text;
        }

        public static Shape Of(ContestDb db, Type row)
        {
            var entity = db.Model.FindEntityType(row) ?? throw new InvalidOperationException($"{row.Name} is not mapped.");
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            // Database-generated keys (identity columns) are left to the database, as SaveChanges does.
            var columns = entity.GetProperties()
                .Where(p => p.PropertyInfo is not null && !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid)))
                .Select(p => new Column(p, (RelationalTypeMapping)p.GetRelationalTypeMapping()))
                .ToArray();
            if (entity.GetProperties().Any(p => p.PropertyInfo is null && !p.IsPrimaryKey()))
                throw new InvalidOperationException($"{row.Name} has shadow properties; insert it with SaveChanges.");
            var head = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ("
                + string.Join(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.Property.GetColumnName(table)!))) + ") VALUES";
            return new Shape(head, columns);
        }
    }
}
