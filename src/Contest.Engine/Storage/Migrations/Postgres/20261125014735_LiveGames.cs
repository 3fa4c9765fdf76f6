using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveGames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiveGames",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Pin = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Host = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BankId = table.Column<int>(type: "integer", nullable: true),
                    Scoring = table.Column<int>(type: "integer", nullable: false),
                    Teams = table.Column<int>(type: "integer", nullable: false),
                    StreakBonus = table.Column<bool>(type: "boolean", nullable: false),
                    PodiumSize = table.Column<int>(type: "integer", nullable: false),
                    TimerFactor = table.Column<double>(type: "double precision", nullable: false),
                    QuestionIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    QuestionPoints = table.Column<List<int>>(type: "integer[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveGames", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LivePlayers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GameId = table.Column<Guid>(type: "uuid", nullable: false),
                    Nickname = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: true),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ResumeTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kicked = table.Column<bool>(type: "boolean", nullable: false),
                    FinalScore = table.Column<long>(type: "bigint", nullable: true),
                    FinalRank = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LivePlayers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LivePlayers_LiveGames_GameId",
                        column: x => x.GameId,
                        principalTable: "LiveGames",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GameId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlayerId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionIndex = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ElapsedMs = table.Column<int>(type: "integer", nullable: false),
                    Correct = table.Column<bool>(type: "boolean", nullable: false),
                    Credit = table.Column<double>(type: "double precision", nullable: false),
                    BasePoints = table.Column<int>(type: "integer", nullable: false),
                    StreakBonus = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveAnswers_LiveGames_GameId",
                        column: x => x.GameId,
                        principalTable: "LiveGames",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LiveAnswers_LivePlayers_PlayerId",
                        column: x => x.PlayerId,
                        principalTable: "LivePlayers",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveAnswers_GameId_PlayerId_QuestionIndex",
                table: "LiveAnswers",
                columns: new[] { "GameId", "PlayerId", "QuestionIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiveAnswers_PlayerId",
                table: "LiveAnswers",
                column: "PlayerId");

            migrationBuilder.CreateIndex(
                name: "IX_LiveGames_CreatedAt",
                table: "LiveGames",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LivePlayers_GameId_ResumeTokenHash",
                table: "LivePlayers",
                columns: new[] { "GameId", "ResumeTokenHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiveAnswers");

            migrationBuilder.DropTable(
                name: "LivePlayers");

            migrationBuilder.DropTable(
                name: "LiveGames");
        }
    }
}
