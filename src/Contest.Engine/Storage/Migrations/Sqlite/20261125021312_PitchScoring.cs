using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PitchScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Guidance",
                table: "RubricCriteria",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedAt",
                table: "PitchTeams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LockedBy",
                table: "PitchTeams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScoreRevision",
                table: "PitchTeams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AudienceVoteOpen",
                table: "PitchRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "CurrentTeamId",
                table: "PitchRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TieBreakCriterionId",
                table: "PitchRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TimerEndsAt",
                table: "PitchRounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimerPhase",
                table: "PitchRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AudienceVote",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceVote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AudienceVote_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AudienceVote_PitchRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PitchRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AudienceVote_PitchTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "PitchTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PitchConflict",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PitchConflict", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PitchConflict_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PitchConflict_PitchTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "PitchTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PitchJudge",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PitchJudge", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PitchJudge_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PitchJudge_PitchRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PitchRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PitchScore",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgeId = table.Column<string>(type: "TEXT", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PitchScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PitchScore_AspNetUsers_JudgeId",
                        column: x => x.JudgeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PitchScore_PitchTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "PitchTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PitchScore_RubricCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "RubricCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PitchScoreChange",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    JudgeId = table.Column<string>(type: "TEXT", nullable: false),
                    OldScore = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    NewScore = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    OldComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NewComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PitchScoreChange", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AudienceVote_RoundId_UserId",
                table: "AudienceVote",
                columns: new[] { "RoundId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AudienceVote_TeamId",
                table: "AudienceVote",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceVote_UserId",
                table: "AudienceVote",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PitchConflict_TeamId_UserId",
                table: "PitchConflict",
                columns: new[] { "TeamId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PitchConflict_UserId",
                table: "PitchConflict",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PitchJudge_RoundId_UserId",
                table: "PitchJudge",
                columns: new[] { "RoundId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PitchJudge_UserId",
                table: "PitchJudge",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PitchScore_CriterionId",
                table: "PitchScore",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_PitchScore_JudgeId",
                table: "PitchScore",
                column: "JudgeId");

            migrationBuilder.CreateIndex(
                name: "IX_PitchScore_TeamId_JudgeId_CriterionId",
                table: "PitchScore",
                columns: new[] { "TeamId", "JudgeId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PitchScoreChange_TeamId_JudgeId",
                table: "PitchScoreChange",
                columns: new[] { "TeamId", "JudgeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AudienceVote");

            migrationBuilder.DropTable(
                name: "PitchConflict");

            migrationBuilder.DropTable(
                name: "PitchJudge");

            migrationBuilder.DropTable(
                name: "PitchScore");

            migrationBuilder.DropTable(
                name: "PitchScoreChange");

            migrationBuilder.DropColumn(
                name: "Guidance",
                table: "RubricCriteria");

            migrationBuilder.DropColumn(
                name: "LockedAt",
                table: "PitchTeams");

            migrationBuilder.DropColumn(
                name: "LockedBy",
                table: "PitchTeams");

            migrationBuilder.DropColumn(
                name: "ScoreRevision",
                table: "PitchTeams");

            migrationBuilder.DropColumn(
                name: "AudienceVoteOpen",
                table: "PitchRounds");

            migrationBuilder.DropColumn(
                name: "CurrentTeamId",
                table: "PitchRounds");

            migrationBuilder.DropColumn(
                name: "TieBreakCriterionId",
                table: "PitchRounds");

            migrationBuilder.DropColumn(
                name: "TimerEndsAt",
                table: "PitchRounds");

            migrationBuilder.DropColumn(
                name: "TimerPhase",
                table: "PitchRounds");
        }
    }
}
