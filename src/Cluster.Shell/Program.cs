Console.WriteLine("uc");
