using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveCluster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentIndex",
                table: "LiveGames",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "Deadline",
                table: "LiveGames",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisplayOrders",
                table: "LiveGames",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenedAt",
                table: "LiveGames",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "LiveGames",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "LiveGames",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedTotalMs",
                table: "LiveGames",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Phase",
                table: "LiveGames",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "QuestionSeconds",
                table: "LiveGames",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CurrentIndex",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "Deadline",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "DisplayOrders",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "Paused",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "PausedTotalMs",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "LiveGames");

            migrationBuilder.DropColumn(
                name: "QuestionSeconds",
                table: "LiveGames");
        }
    }
}
