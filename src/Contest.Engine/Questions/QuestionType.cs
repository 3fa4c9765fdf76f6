namespace Contest.Engine.Questions;

public enum QuestionType
{
    SingleChoice = 0,
    MultipleSelect = 1,
    TrueFalse = 2,
    FillBlank = 3,
    Ordering = 4,
}

public enum Difficulty
{
    Easy = 1,
    Medium = 2,
    Hard = 3,
}

public enum MediaKind
{
    None = 0,
    Image = 1,
    Audio = 2,
}
