namespace Contest.Admin.Questions;

/// <summary>Marker for the question-bank strings (<c>QuestionsUi.tsv</c> → <c>.resx</c>).</summary>
public sealed class QuestionsUi;
