using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "Deadline",
                table: "LiveGames",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisplayOrders",
                table: "LiveGames",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenedAt",
                table: "LiveGames",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "LiveGames",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "LiveGames",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedTotalMs",
                table: "LiveGames",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Phase",
                table: "LiveGames",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<List<int>>(
                name: "QuestionSeconds",
                table: "LiveGames",
                type: "integer[]",
                nullable: false);
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
