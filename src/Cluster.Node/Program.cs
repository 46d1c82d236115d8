Console.WriteLine("node");
