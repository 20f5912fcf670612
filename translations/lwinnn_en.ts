<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>lwinnn::ui::ExportDialog</name>
    <message numerus="yes">
      <source>%n image(s)</source>
      <translation>
        <numerusform>%n image</numerusform>
        <numerusform>%n images</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n file(s) will be written.</source>
      <translation>
        <numerusform>%n file will be written.</numerusform>
        <numerusform>%n files will be written.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n file(s) in the output folder already exist, for example %1. Replace them?</source>
      <translation>
        <numerusform>%n file in the output folder already exists: %1. Replace it?</numerusform>
        <numerusform>%n files in the output folder already exist, for example %1. Replace them?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n file(s) written to %1.</source>
      <translation>
        <numerusform>%n file written to %1.</numerusform>
        <numerusform>%n files written to %1.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>lwinnn::ui::MainWindow</name>
    <message numerus="yes">
      <source>%1 holds %n categories. Open:</source>
      <translation>
        <numerusform>%1 holds %n category. Open:</numerusform>
        <numerusform>%1 holds %n categories. Open:</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n good image(s) found, no test set: train to build a model.</source>
      <translation>
        <numerusform>%n good image found, no test set: train to build a model.</numerusform>
        <numerusform>%n good images found, no test set: train to build a model.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Train (Ctrl+T) to score the %n test image(s).</source>
      <translation>
        <numerusform>Train (Ctrl+T) to score the %n test image.</numerusform>
        <numerusform>Train (Ctrl+T) to score the %n test images.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>… and %n more</source>
      <translation>
        <numerusform>… and %n more</numerusform>
        <numerusform>… and %n more</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n file(s) could not be read and were skipped:</source>
      <translation>
        <numerusform>%n file could not be read and was skipped:</numerusform>
        <numerusform>%n files could not be read and were skipped:</numerusform>
      </translation>
    </message>
  </context>
</TS>
