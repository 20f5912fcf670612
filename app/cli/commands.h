// The `lwinnn` commands. Each takes the arguments after the command name and returns the exit status.
#pragma once

#include <string>
#include <vector>

namespace lwinnn::cli {

int runTrain(const std::vector<std::string>& args);
int runScore(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runDemoData(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runFetchWeights(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);

}  // namespace lwinnn::cli
