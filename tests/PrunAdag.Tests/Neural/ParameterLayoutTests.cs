namespace PrunAdag.Tests.Neural;

/// <summary>Parameter layouts cover the vector exactly, and say clearly where they do not.</summary>
public class ParameterLayoutTests
{
    [Fact]
    public void An_MLP_layout_has_prunable_weights_and_unprunable_biases_end_to_end()
    {
        var layout = ParameterLayout.Mlp([784, 256, 128, 10]);
        Assert.Equal(235_146, layout.Dimension); // the 235 146 parameters
        Assert.Equal(784 * 256 + 256 * 128 + 128 * 10, layout.PrunableCount);
        Assert.Equal(["W1", "W2", "W3", "b1", "b2", "b3"], layout.Blocks.Select(b => b.Name)); // weights first: one prunable range
        Assert.Equal(new ParameterBlock("b1", 784 * 256 + 256 * 128 + 128 * 10, 256, false), layout["b1"]);
        Assert.Equal("W2", layout.BlockOf(784 * 256 + 256).Name);
        Assert.Equal("b3", layout.BlockOf(235_145).Name);
        Assert.False(layout.IsSingleBlock);
        Assert.True(ParameterLayout.Single(7).IsSingleBlock);
    }

    [Fact]
    public void Blocks_given_out_of_order_are_kept_in_offset_order()
    {
        var layout = new ParameterLayout(5, [new("b", 3, 2, false), new("a", 0, 3, true)]);
        Assert.Equal(["a", "b"], layout.Blocks.Select(b => b.Name));
    }

    [Theory]
    [InlineData("gap", "Gap: block 'a' ends at 3 but the next block 'b' starts at 4")]
    [InlineData("overlap", "Overlap: block 'b' starts at 2, inside block 'a' [0, 3)")]
    [InlineData("start", "The first block 'a' starts at offset 1")]
    [InlineData("short", "components 5..5 belong to no block")]
    [InlineData("long", "ends at 7, beyond the dimension n = 6")]
    [InlineData("duplicate", "Two blocks are named 'a'")]
    [InlineData("empty", "Block 'b' has length 0")]
    public void Invalid_layouts_are_rejected_with_the_blocks_named(string kind, string message)
    {
        ParameterBlock[] blocks = kind switch
        {
            "gap" => [new("a", 0, 3, true), new("b", 4, 2, false)],
            "overlap" => [new("a", 0, 3, true), new("b", 2, 4, false)],
            "start" => [new("a", 1, 5, true)],
            "short" => [new("a", 0, 3, true), new("b", 3, 2, true)],
            "long" => [new("a", 0, 3, true), new("b", 3, 4, true)],
            "duplicate" => [new("a", 0, 3, true), new("a", 3, 3, true)],
            _ => [new("a", 0, 6, true), new("b", 6, 0, true)],
        };
        var ex = Assert.Throws<ArgumentException>(() => new ParameterLayout(6, blocks));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Unknown_block_names_list_the_known_ones()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ParameterLayout.Mlp([2, 3])["W9"]);
        Assert.Contains("W1, b1", ex.Message); // [2, 3]: W1 then b1
    }
}
