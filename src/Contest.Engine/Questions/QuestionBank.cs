namespace Contest.Engine.Questions;

public sealed class QuestionBank
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Language { get; set; } = "vi";
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<Question> Questions { get; set; } = [];
}
