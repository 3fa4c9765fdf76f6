using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pin = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BankId = table.Column<int>(type: "INTEGER", nullable: true),
                    Scoring = table.Column<int>(type: "INTEGER", nullable: false),
                    Teams = table.Column<int>(type: "INTEGER", nullable: false),
                    StreakBonus = table.Column<bool>(type: "INTEGER", nullable: false),
                    PodiumSize = table.Column<int>(type: "INTEGER", nullable: false),
                    TimerFactor = table.Column<double>(type: "REAL", nullable: false),
                    QuestionIds = table.Column<string>(type: "TEXT", nullable: false),
                    QuestionPoints = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveGames", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LivePlayers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GameId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nickname = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResumeTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Kicked = table.Column<bool>(type: "INTEGER", nullable: false),
                    FinalScore = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalRank = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GameId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlayerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ElapsedMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Correct = table.Column<bool>(type: "INTEGER", nullable: false),
                    Credit = table.Column<double>(type: "REAL", nullable: false),
                    BasePoints = table.Column<int>(type: "INTEGER", nullable: false),
                    StreakBonus = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
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
