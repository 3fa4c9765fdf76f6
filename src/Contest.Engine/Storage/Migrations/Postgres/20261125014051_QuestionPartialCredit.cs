using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Contest.Engine.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuestionPartialCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PartialCredit",
                table: "Questions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PartialCredit",
                table: "Questions");
        }
    }
}
