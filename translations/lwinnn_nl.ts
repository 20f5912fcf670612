<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>QObject</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::CoreError</name>
    <message>
        <source>no such file</source>
        <translation>bestand bestaat niet</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>geen bestand</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>bestand of map bestaat niet</translation>
    </message>
    <message>
        <source>is a folder, not an image</source>
        <translation>is een map, geen afbeelding</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>het bestand is leeg</translation>
    </message>
    <message>
        <source>cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)</source>
        <translation>de afbeelding kan niet worden gedecodeerd (beschadigd, afgekapt of geen PNG-, JPEG-, BMP- of TIFF-bestand)</translation>
    </message>
    <message>
        <source>cannot decode the image: %1</source>
        <translation>de afbeelding kan niet worden gedecodeerd: %1</translation>
    </message>
    <message>
        <source>the image has no pixels</source>
        <translation>de afbeelding heeft geen pixels</translation>
    </message>
    <message>
        <source>truncated: the JPEG data ends before its end-of-image marker</source>
        <translation>afgekapt: de JPEG-gegevens eindigen vóór hun einde-van-beeldmarkering</translation>
    </message>
    <message>
        <source>the image is %1 × %2 pixels (%3 megapixels), more than the limit of %4 megapixels</source>
        <translation>de afbeelding is %1 × %2 pixels (%3 megapixel), meer dan de grens van %4 megapixel</translation>
    </message>
    <message>
        <source>the image header declares no pixels</source>
        <translation>de kop van de afbeelding vermeldt geen pixels</translation>
    </message>
    <message>
        <source>unsupported pixel depth (only 8- and 16-bit images are read)</source>
        <translation>niet-ondersteunde pixeldiepte (alleen 8- en 16-bits afbeeldingen worden gelezen)</translation>
    </message>
    <message>
        <source>unsupported channel count %1</source>
        <translation>niet-ondersteund aantal kanalen %1</translation>
    </message>
    <message>
        <source>unsupported pixel depth for a mask (only 8- and 16-bit images are read)</source>
        <translation>niet-ondersteunde pixeldiepte voor een masker (alleen 8- en 16-bits afbeeldingen worden gelezen)</translation>
    </message>
    <message>
        <source>cannot encode the image</source>
        <translation>de afbeelding kan niet worden gecodeerd</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>map bestaat niet</translation>
    </message>
    <message>
        <source>is not a folder</source>
        <translation>is geen map</translation>
    </message>
    <message>
        <source>not a folder</source>
        <translation>geen map</translation>
    </message>
    <message>
        <source>cannot list the folder: %1</source>
        <translation>de inhoud van de map kan niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>cannot create the folder: %1</source>
        <translation>de map kan niet worden aangemaakt: %1</translation>
    </message>
    <message>
        <source>no images found (expected an MVTec AD folder with train/ and test/, or a folder of good images)</source>
        <translation>geen afbeeldingen gevonden (verwacht: een MVTec AD-map met train/ en test/, of een map met goede afbeeldingen)</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: no train/good folder</source>
        <translation>is geen MVTec AD-categorie: geen map train/good</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: train/good holds no images</source>
        <translation>is geen MVTec AD-categorie: train/good bevat geen afbeeldingen</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: no test folder</source>
        <translation>is geen MVTec AD-categorie: geen map test</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: the test folder holds no images</source>
        <translation>is geen MVTec AD-categorie: de map test bevat geen afbeeldingen</translation>
    </message>
    <message>
        <source>defect image has no mask (expected %1)</source>
        <translation>defectafbeelding heeft geen masker (verwacht: %1)</translation>
    </message>
    <message>
        <source>holds no images</source>
        <translation>bevat geen afbeeldingen</translation>
    </message>
    <message>
        <source>truncated: the file is %1 bytes, shorter than the 8-byte header length of a safetensors file</source>
        <translation>afgekapt: het bestand is %1 bytes, korter dan de 8 bytes headerlengte van een safetensors-bestand</translation>
    </message>
    <message>
        <source>not a safetensors file: its header length field says %1 bytes, which is absurd (over 100 MB)</source>
        <translation>geen safetensors-bestand: het veld met de headerlengte zegt %1 bytes, wat absurd is (meer dan 100 MB)</translation>
    </message>
    <message>
        <source>truncated: the header says %1 bytes but only %2 follow</source>
        <translation>afgekapt: de header zegt %1 bytes, maar er volgen er maar %2</translation>
    </message>
    <message>
        <source>the header is not valid JSON: %1</source>
        <translation>de header is geen geldige JSON: %1</translation>
    </message>
    <message>
        <source>tensor %1 ends at byte %2 of a data section of only %3 bytes (truncated?)</source>
        <translation>tensor %1 eindigt bij byte %2 van een datasectie van slechts %3 bytes (afgekapt?)</translation>
    </message>
    <message>
        <source>not a LWinNN model (a safetensors file without format &quot;lwinnn-model&quot;)</source>
        <translation>geen LWinNN-model (een safetensors-bestand zonder formaat &quot;lwinnn-model&quot;)</translation>
    </message>
    <message>
        <source>the model was written by a newer LWinNN (model format %1); this build reads format %2 and older. Update LWinNN Studio to open it.</source>
        <translation>het model is geschreven door een nieuwere LWinNN (modelformaat %1); deze versie leest formaat %2 en ouder. Werk LWinNN Studio bij om het te openen.</translation>
    </message>
    <message>
        <source>invalid model format version %1</source>
        <translation>ongeldige versie %1 van het modelformaat</translation>
    </message>
    <message>
        <source>the model header has no &apos;%1&apos;</source>
        <translation>de modelheader heeft geen &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the model header is inconsistent (input, grid, channels, window or count)</source>
        <translation>de modelheader is inconsistent (invoer, raster, kanalen, venster of aantal)</translation>
    </message>
    <message>
        <source>the model has no tensor &apos;%1&apos;</source>
        <translation>het model heeft geen tensor &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the tensor &apos;%1&apos; has shape %2 but the header implies %3</source>
        <translation>de tensor &apos;%1&apos; heeft vorm %2, maar de header impliceert %3</translation>
    </message>
    <message>
        <source>no such weights file</source>
        <translation>gewichtenbestand bestaat niet</translation>
    </message>
    <message>
        <source>LWINNN_WEIGHTS names a file that does not exist</source>
        <translation>LWINNN_WEIGHTS noemt een bestand dat niet bestaat</translation>
    </message>
    <message>
        <source>No ResNet18 ImageNet weights were found. LWinNN needs torchvision&apos;s resnet18-f37072fd.pth (44.7 MB):
  - run `lwinnn fetch-weights` where a network is available, or
  - download %1
    (its SHA-256 starts with %2) and either pass it with --weights FILE,
    set LWINNN_WEIGHTS=FILE, or put it in one of the places searched:
%3  - or use --weights random to try the tool with untrained (random) weights; results will be poor.</source>
        <translation>Er zijn geen ResNet18 ImageNet-gewichten gevonden. LWinNN heeft resnet18-f37072fd.pth van torchvision nodig (44,7 MB):
  - voer `lwinnn fetch-weights` uit waar een netwerk beschikbaar is, of
  - download %1
    (de SHA-256 begint met %2) en geef het op met --weights BESTAND,
    stel LWINNN_WEIGHTS=BESTAND in, of zet het op een van de doorzochte plaatsen:
%3  - of gebruik --weights random om het programma met ongetrainde (willekeurige) gewichten te proberen; de resultaten zijn dan slecht.</translation>
    </message>
    <message>
        <source>truncated: it starts like a zip file but its end-of-central-directory record is missing</source>
        <translation>afgekapt: begint als een zip-bestand, maar het end-of-central-directory-record ontbreekt</translation>
    </message>
    <message>
        <source>not a PyTorch zip checkpoint (torch.save format); it looks like a JSON file</source>
        <translation>geen PyTorch-zip-checkpoint (torch.save-formaat); het lijkt een JSON-bestand</translation>
    </message>
    <message>
        <source>not a PyTorch zip checkpoint (torch.save format); it has no zip end-of-central-directory record</source>
        <translation>geen PyTorch-zip-checkpoint (torch.save-formaat); het end-of-central-directory-record van een zip ontbreekt</translation>
    </message>
    <message>
        <source>truncated or damaged: %1 (bytes %2 to %3) runs past byte %4</source>
        <translation>afgekapt of beschadigd: %1 (bytes %2 tot %3) loopt voorbij byte %4</translation>
    </message>
    <message>
        <source>not a PyTorch checkpoint: the zip holds no data.pkl (torch.save always writes one)</source>
        <translation>geen PyTorch-checkpoint: de zip bevat geen data.pkl (torch.save schrijft er altijd een)</translation>
    </message>
    <message>
        <source>no training images were given</source>
        <translation>er zijn geen trainingsafbeeldingen opgegeven</translation>
    </message>
    <message>
        <source>none of the %1 training images could be read</source>
        <translation>geen van de %1 trainingsafbeeldingen kon worden gelezen</translation>
    </message>
    <message>
        <source>none of the test images could be read</source>
        <translation>geen van de testafbeeldingen kon worden gelezen</translation>
    </message>
    <message>
        <source>device &apos;%1&apos; was asked for, but this build of LibTorch has no CUDA support or no CUDA device is visible; use --device cpu</source>
        <translation>apparaat &apos;%1&apos; is gevraagd, maar deze build van LibTorch heeft geen CUDA-ondersteuning of er is geen CUDA-apparaat zichtbaar; gebruik --device cpu</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>kan niet worden geopend: %1</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>geen gewoon bestand</translation>
    </message>
    <message>
        <source>cannot create a temporary file beside it: %1</source>
        <translation>er kan geen tijdelijk bestand naast worden aangemaakt: %1</translation>
    </message>
    <message>
        <source>cannot rename the temporary file over it: %1</source>
        <translation>het tijdelijke bestand kan niet naar deze naam worden hernoemd: %1</translation>
    </message>
    <message>
        <source>already exists; the export replaces files only when asked to</source>
        <translation>bestaat al; de export vervangt bestanden alleen als daarom gevraagd wordt</translation>
    </message>
    <message>
        <source>not a valid project file: %1 at byte %2</source>
        <translation>geen geldig projectbestand: %1 bij byte %2</translation>
    </message>
    <message>
        <source>not a valid project file: no JSON object</source>
        <translation>geen geldig projectbestand: geen JSON-object</translation>
    </message>
    <message>
        <source>not an LWinNN Studio project (no &quot;format&quot;)</source>
        <translation>geen LWinNN Studio-project (geen &quot;format&quot;)</translation>
    </message>
    <message>
        <source>not an LWinNN Studio project (format &quot;%1&quot;)</source>
        <translation>geen LWinNN Studio-project (formaat &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>the project was written by a newer LWinNN Studio (project version %1; this version reads up to %2)</source>
        <translation>het project is geschreven door een nieuwere LWinNN Studio (projectversie %1; deze versie leest tot en met %2)</translation>
    </message>
    <message>
        <source>the data set folder %1 does not exist</source>
        <translation>de datasetmap %1 bestaat niet</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::CurvesPanel</name>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Drempelwaarde</translation>
    </message>
    <message>
        <source>False-positive rate</source>
        <translation>Fout-positieffractie</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>Terecht-positieffractie</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Goed</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defect</translation>
    </message>
    <message>
        <source>Image score</source>
        <translation>Beeldscore</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Afbeeldingen</translation>
    </message>
    <message>
        <source>False-positive rate (pixels)</source>
        <translation>Fout-positieffractie (pixels)</translation>
    </message>
    <message>
        <source>Per-region overlap</source>
        <translation>Overlap per regio</translation>
    </message>
    <message>
        <source>Image scores &amp;&amp; ROC</source>
        <translation>Beeldscores &amp;&amp; ROC</translation>
    </message>
    <message>
        <source>Pixels: PRO</source>
        <translation>Pixels: PRO</translation>
    </message>
    <message>
        <source>Histogram of the image scores of good and defective test images with the threshold, and the image ROC with the threshold&apos;s operating point</source>
        <translation>Histogram van de beeldscores van goede en defecte testafbeeldingen met de drempelwaarde, en de beeld-ROC met het werkpunt van de drempelwaarde</translation>
    </message>
    <message>
        <source>Per-region overlap against the pixel false-positive rate; the shaded part up to the FPR limit is what AUPRO averages</source>
        <translation>Overlap per regio tegen de fout-positieffractie van de pixels; AUPRO is het gemiddelde over het gearceerde deel tot de FPR-grens</translation>
    </message>
    <message>
        <source>Image ROC — AUROC %1 (δ = %2)</source>
        <translation>Beeld-ROC — AUROC %1 (δ = %2)</translation>
    </message>
    <message>
        <source>Image ROC</source>
        <translation>Beeld-ROC</translation>
    </message>
    <message>
        <source>PRO — AUPRO %1 (FPR ≤ %2), pixel AUROC %3</source>
        <translation>PRO — AUPRO %1 (FPR ≤ %2), pixel-AUROC %3</translation>
    </message>
    <message>
        <source>PRO (needs defect masks)</source>
        <translation>PRO (vereist defectmaskers)</translation>
    </message>
    <message>
        <source>Image scores</source>
        <translation>Beeldscores</translation>
    </message>
    <message>
        <source>Image scores — threshold %1</source>
        <translation>Beeldscores — drempelwaarde %1</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::DetectorWorker</name>
    <message>
        <source>Opening data set</source>
        <translation>Dataset openen</translation>
    </message>
    <message>
        <source>Scoring test images</source>
        <translation>Testafbeeldingen scoren</translation>
    </message>
    <message>
        <source>Scoring cancelled.</source>
        <translation>Scoren geannuleerd.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Trainen</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is kept.</source>
        <translation>Trainen geannuleerd; het vorige model blijft behouden.</translation>
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation>Trainen geannuleerd.</translation>
    </message>
    <message>
        <source>Opening model</source>
        <translation>Model openen</translation>
    </message>
    <message>
        <source>Saving model</source>
        <translation>Model opslaan</translation>
    </message>
    <message>
        <source>Showing δ = %1</source>
        <translation>δ = %1 tonen</translation>
    </message>
    <message>
        <source>Re-scoring with δ = %1</source>
        <translation>Opnieuw scoren met δ = %1</translation>
    </message>
    <message>
        <source>Re-scoring cancelled; δ stays %1.</source>
        <translation>Opnieuw scoren geannuleerd; δ blijft %1.</translation>
    </message>
    <message>
        <source>Scoring new images</source>
        <translation>Nieuwe afbeeldingen scoren</translation>
    </message>
    <message>
        <source>Scoring of the new images cancelled.</source>
        <translation>Scoren van de nieuwe afbeeldingen geannuleerd.</translation>
    </message>
    <message>
        <source>open a data set before training</source>
        <translation>open een dataset voordat u traint</translation>
    </message>
    <message>
        <source>there is no model to save: train one first</source>
        <translation>er is geen model om op te slaan: train er eerst een</translation>
    </message>
    <message>
        <source>there is no model to score with: train or open one first</source>
        <translation>er is geen model om mee te scoren: train of open er eerst een</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>All test images</source>
        <translation>Alle testafbeeldingen</translation>
    </message>
    <message>
        <source>Defects only (test images at or above the threshold)</source>
        <translation>Alleen defecten (testafbeeldingen op of boven de drempelwaarde)</translation>
    </message>
    <message>
        <source>New images</source>
        <translation>Nieuwe afbeeldingen</translation>
    </message>
    <message>
        <source>Selected images</source>
        <translation>Geselecteerde afbeeldingen</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Afbeeldingen</translation>
    </message>
    <message>
        <source>Heatmap overlays (PNG)</source>
        <translation>Heatmap-overlays (PNG)</translation>
    </message>
    <message>
        <source>Anomaly maps (32-bit float TIFF)</source>
        <translation>Anomaliekaarten (32-bit float-TIFF)</translation>
    </message>
    <message>
        <source>Scores and verdicts (CSV)</source>
        <translation>Scores en oordelen (CSV)</translation>
    </message>
    <message>
        <source>Per image</source>
        <translation>Per afbeelding</translation>
    </message>
    <message>
        <source>Model for deployment</source>
        <translation>Model voor inzet</translation>
    </message>
    <message>
        <source>TorchScript module (.pt)</source>
        <translation>TorchScript-module (.pt)</translation>
    </message>
    <message>
        <source>Triton Inference Server model repository</source>
        <translation>Modelrepository voor Triton Inference Server</translation>
    </message>
    <message>
        <source>Train or open a model to export it.</source>
        <translation>Train of open een model om het te exporteren.</translation>
    </message>
    <message>
        <source>Save the model first (File ▸ Save Model…) to export it.</source>
        <translation>Sla het model eerst op (Bestand ▸ Model opslaan…) om het te exporteren.</translation>
    </message>
    <message>
        <source>Exports %1 at δ = %2.</source>
        <translation>Exporteert %1 met δ = %2.</translation>
    </message>
    <message>
        <source>Folder for the exported files</source>
        <translation>Map voor de geëxporteerde bestanden</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Uitvoermap</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n afbeelding</numerusform>
            <numerusform>%n afbeeldingen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Kies een uitvoermap.</translation>
    </message>
    <message>
        <source>There are no images in this set.</source>
        <translation>Deze set bevat geen afbeeldingen.</translation>
    </message>
    <message>
        <source>Choose what to export.</source>
        <translation>Kies wat u wilt exporteren.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be written.</source>
        <translation>
            <numerusform>%n bestand wordt geschreven.</numerusform>
            <numerusform>%n bestanden worden geschreven.</numerusform>
        </translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Uitvoermap</translation>
    </message>
    <message>
        <source>Replace Files?</source>
        <translation>Bestanden vervangen?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the output folder already exist, for example %1. Replace them?</source>
        <translation>
            <numerusform>%n bestand in de uitvoermap bestaat al: %1. Vervangen?</numerusform>
            <numerusform>%n bestanden in de uitvoermap bestaan al, bijvoorbeeld %1. Vervangen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was written: choose another folder or allow replacing the files.</source>
        <translation>Er is niets geschreven: kies een andere map of sta vervangen toe.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 van %2 bestanden</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written to %1.</source>
        <translation>
            <numerusform>%n bestand geschreven naar %1.</numerusform>
            <numerusform>%n bestanden geschreven naar %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far were removed.</source>
        <translation>Export geannuleerd; de al geschreven bestanden zijn verwijderd.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Exporteren mislukt: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annuleren…</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::GalleryModel</name>
    <message>
        <source>reviewed: defect</source>
        <translation>beoordeeld: defect</translation>
    </message>
    <message>
        <source>reviewed: good</source>
        <translation>beoordeeld: goed</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>niet beoordeeld</translation>
    </message>
    <message>
        <source>%1
%2  ·  %3</source>
        <translation>%1
%2  ·  %3</translation>
    </message>
    <message>
        <source>predicted defect</source>
        <translation>voorspeld: defect</translation>
    </message>
    <message>
        <source>predicted good</source>
        <translation>voorspeld: goed</translation>
    </message>
    <message>
        <source>⚠ false positive</source>
        <translation>⚠ fout-positief</translation>
    </message>
    <message>
        <source>⚠ false negative</source>
        <translation>⚠ fout-negatief</translation>
    </message>
    <message>
        <source>%1
%2  ·  %3
%4</source>
        <translation>%1
%2  ·  %3
%4</translation>
    </message>
    <message>
        <source>  ·  %1</source>
        <translation>  ·  %1</translation>
    </message>
    <message>
        <source>✔ defect</source>
        <translation>✔ defect</translation>
    </message>
    <message>
        <source>✔ good</source>
        <translation>✔ goed</translation>
    </message>
    <message>
        <source>%1
Score: %2
True label: %3</source>
        <translation>%1
Score: %2
Werkelijk label: %3</translation>
    </message>
    <message>
        <source>%1
Score: %2
True label: %3
Predicted: %4 (threshold %5)
Review: %6</source>
        <translation>%1
Score: %2
Werkelijk label: %3
Voorspeld: %4 (drempelwaarde %5)
Beoordeling: %6</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>defect</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>%1
%2
%3</source>
        <translation>%1
%2
%3</translation>
    </message>
    <message>
        <source>%1
Score: %2
Predicted: %3 (threshold %4)</source>
        <translation>%1
Score: %2
Voorspeld: %3 (drempelwaarde %4)</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1 holds %n categories. Open:</source>
        <translation>
            <numerusform>%1 bevat %n categorie. Openen:</numerusform>
            <numerusform>%1 bevat %n categorieën. Openen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a Category</source>
        <translation>Kies een categorie</translation>
    </message>
    <message>
        <source>LWinNN Studio</source>
        <translation>LWinNN Studio</translation>
    </message>
    <message>
        <source>Model saved to %1</source>
        <translation>Model opgeslagen in %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Open a data set (Ctrl+O) or drop its folder here.</source>
        <translation>Open een dataset (Ctrl+O) of sleep de map hierheen.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Open Data Set…</source>
        <translation>Dataset &amp;openen…</translation>
    </message>
    <message>
        <source>Open an MVTec AD category or a folder of good images</source>
        <translation>Open een MVTec AD-categorie of een map met goede afbeeldingen</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>&amp;Model openen…</translation>
    </message>
    <message>
        <source>Open a trained model file</source>
        <translation>Een getraind modelbestand openen</translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation>Model op&amp;slaan…</translation>
    </message>
    <message>
        <source>Save the trained model</source>
        <translation>Het getrainde model opslaan</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Quit LWinNN Studio</source>
        <translation>LWinNN Studio afsluiten</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainen</translation>
    </message>
    <message>
        <source>Train a model on the good training images</source>
        <translation>Een model trainen op de goede trainingsafbeeldingen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Cancel the running operation</source>
        <translation>De lopende bewerking annuleren</translation>
    </message>
    <message>
        <source>&amp;Heatmap Overlay</source>
        <translation>&amp;Heatmap-overlay</translation>
    </message>
    <message>
        <source>Show the anomaly heatmap over the image</source>
        <translation>De anomalie-heatmap over de afbeelding tonen</translation>
    </message>
    <message>
        <source>&amp;Ground-Truth Outline</source>
        <translation>&amp;Omtrek van de annotatie</translation>
    </message>
    <message>
        <source>Outline the annotated defect region</source>
        <translation>De geannoteerde defectregio omlijnen</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Passend in venster</translation>
    </message>
    <message>
        <source>Fit the image to the window</source>
        <translation>De afbeelding passend in het venster tonen</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Ware grootte</translation>
    </message>
    <message>
        <source>Show the image at 100 %</source>
        <translation>De afbeelding op 100 % tonen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>&amp;Volgende afbeelding</translation>
    </message>
    <message>
        <source>Show the next test image</source>
        <translation>De volgende testafbeelding tonen</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>Vo&amp;rige afbeelding</translation>
    </message>
    <message>
        <source>Show the previous test image</source>
        <translation>De vorige testafbeelding tonen</translation>
    </message>
    <message>
        <source>&amp;About LWinNN Studio</source>
        <translation>&amp;Over LWinNN Studio</translation>
    </message>
    <message>
        <source>About LWinNN Studio</source>
        <translation>Over LWinNN Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LWinNN Studio&lt;/h3&gt;&lt;p&gt;Visual anomaly detection from photos of good parts, with local-window nearest-neighbour search.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LWinNN Studio&lt;/h3&gt;&lt;p&gt;Visuele anomaliedetectie op basis van foto&apos;s van goede onderdelen, met naaste-buurzoeken in een lokaal venster.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>&amp;Nieuw project</translation>
    </message>
    <message>
        <source>Close the data and the model and start a new project</source>
        <translation>De data en het model sluiten en een nieuw project beginnen</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>&amp;Project openen…</translation>
    </message>
    <message>
        <source>Open a project: its data, model, threshold and review marks</source>
        <translation>Een project openen: de data, het model, de drempelwaarde en de beoordelingen</translation>
    </message>
    <message>
        <source>Save P&amp;roject</source>
        <translation>P&amp;roject opslaan</translation>
    </message>
    <message>
        <source>Save the data, model, settings, threshold and review marks as a project</source>
        <translation>De data, het model, de instellingen, de drempelwaarde en de beoordelingen als project opslaan</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Project opslaan &amp;als…</translation>
    </message>
    <message>
        <source>Save the project under another name</source>
        <translation>Het project onder een andere naam opslaan</translation>
    </message>
    <message>
        <source>S&amp;core Images…</source>
        <translation>Afbeeldingen s&amp;coren…</translation>
    </message>
    <message>
        <source>Score new, unlabelled images with the trained model</source>
        <translation>Nieuwe, ongelabelde afbeeldingen scoren met het getrainde model</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Export heatmaps, scores and the model for deployment</source>
        <translation>Heatmaps, scores en het model voor inzet exporteren</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Voorkeuren…</translation>
    </message>
    <message>
        <source>Device, resize mode, weights file and language</source>
        <translation>Apparaat, schaalmodus, gewichtenbestand en taal</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Open &amp;Recent Project</source>
        <translation>&amp;Recent project openen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panelen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Dekking van de heatmap</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Onderdeel</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Data Set</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <source>Local window size δ: how far (in patches) a test patch may look for its nearest training patch</source>
        <translation>Lokale venstergrootte δ: hoe ver (in patches) een testpatch naar zijn naaste trainingspatch mag zoeken</translation>
    </message>
    <message>
        <source>Window δ</source>
        <translation>Venster δ</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Beeld-AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>AUPRO (FPR ≤ 30 %)</source>
        <translation>AUPRO (FPR ≤ 30 %)</translation>
    </message>
    <message>
        <source>F1-optimal threshold</source>
        <translation>F1-optimale drempelwaarde</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Model and Results</source>
        <translation>Model en resultaten</translation>
    </message>
    <message>
        <source>Score (highest first)</source>
        <translation>Score (hoogste eerst)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Defect type</source>
        <translation>Defecttype</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sorteren op</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle afbeeldingen</translation>
    </message>
    <message>
        <source>False positives</source>
        <translation>Fout-positieven</translation>
    </message>
    <message>
        <source>False negatives</source>
        <translation>Fout-negatieven</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Niet beoordeeld</translation>
    </message>
    <message>
        <source>Show all test images, or only the wrong predictions at the threshold, or the images without a review mark</source>
        <translation>Alle testafbeeldingen tonen, alleen de foute voorspellingen bij de drempelwaarde, of de afbeeldingen zonder beoordeling</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <source>Test Images</source>
        <translation>Testafbeeldingen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Gereed</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Mislukt: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annuleren…</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 van %2 afbeeldingen</translation>
    </message>
    <message>
        <source>%1 — about %2 left</source>
        <translation>%1 — nog ongeveer %2</translation>
    </message>
    <message>
        <source>%1 — LWinNN Studio</source>
        <translation>%1 — LWinNN Studio</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Indeling</translation>
    </message>
    <message>
        <source>Good images only</source>
        <translation>Alleen goede afbeeldingen</translation>
    </message>
    <message>
        <source>MVTec AD</source>
        <translation>MVTec AD</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Trainingsafbeeldingen</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Testafbeeldingen</translation>
    </message>
    <message>
        <source>Masks matched</source>
        <translation>Maskers gevonden</translation>
    </message>
    <message numerus="yes">
        <source>%n good image(s) found, no test set: train to build a model.</source>
        <translation>
            <numerusform>%n goede afbeelding gevonden, geen testset: train om een model te bouwen.</numerusform>
            <numerusform>%n goede afbeeldingen gevonden, geen testset: train om een model te bouwen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train (Ctrl+T) to score the %n test image(s).</source>
        <translation>
            <numerusform>Train (Ctrl+T) om de %n testafbeelding te scoren.</numerusform>
            <numerusform>Train (Ctrl+T) om de %n testafbeeldingen te scoren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geopend</translation>
    </message>
    <message>
        <source>%1 training images, input %2×%3, %4
weights: %5</source>
        <translation>%1 trainingsafbeeldingen, invoer %2×%3, %4
gewichten: %5</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Nog geen model</translation>
    </message>
    <message>
        <source>%1 (F1 %2)</source>
        <translation>%1 (F1 %2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; true label: %3 &amp;nbsp; predicted: %4 &amp;nbsp; review: %5 &amp;nbsp; δ = %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; werkelijk label: %3 &amp;nbsp; voorspeld: %4 &amp;nbsp; beoordeling: %5 &amp;nbsp; δ = %6</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>defect</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Open Data Set</source>
        <translation>Dataset openen</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Model openen</translation>
    </message>
    <message>
        <source>LWinNN models (*.lwinnn);;All files (*)</source>
        <translation>LWinNN-modellen (*.lwinnn);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>Model opslaan</translation>
    </message>
    <message>
        <source>%1: drop a folder (a data set), not a file</source>
        <translation>%1: sleep een map (een dataset), geen bestand</translation>
    </message>
    <message>
        <source>New Images</source>
        <translation>Nieuwe afbeeldingen</translation>
    </message>
    <message>
        <source>Drop images or a folder of new, unlabelled images here (or use File ▸ Score Images…) to score them with the trained model.</source>
        <translation>Sleep afbeeldingen of een map met nieuwe, ongelabelde afbeeldingen hierheen (of gebruik Bestand ▸ Afbeeldingen scoren…) om ze met het getrainde model te scoren.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>Remove the new images from the list</source>
        <translation>De nieuwe afbeeldingen uit de lijst verwijderen</translation>
    </message>
    <message>
        <source>Score Images</source>
        <translation>Afbeeldingen scoren</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Train or open a model before scoring new images.</source>
        <translation>Train of open een model voordat u nieuwe afbeeldingen scoort.</translation>
    </message>
    <message>
        <source>%1: no images found</source>
        <translation>%1: geen afbeeldingen gevonden</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; %3 &amp;nbsp; δ = %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; %3 &amp;nbsp; δ = %4</translation>
    </message>
    <message>
        <source>predicted defect</source>
        <translation>voorspeld: defect</translation>
    </message>
    <message>
        <source>predicted good</source>
        <translation>voorspeld: goed</translation>
    </message>
    <message>
        <source>Mark as &amp;Defect</source>
        <translation>Markeren als &amp;defect</translation>
    </message>
    <message>
        <source>Review: the image on screen shows a defect</source>
        <translation>Beoordeling: de getoonde afbeelding toont een defect</translation>
    </message>
    <message>
        <source>Mark as &amp;Good (OK)</source>
        <translation>Markeren als &amp;goed (OK)</translation>
    </message>
    <message>
        <source>Review: the image on screen is OK</source>
        <translation>Beoordeling: de getoonde afbeelding is in orde</translation>
    </message>
    <message>
        <source>&amp;Clear Mark</source>
        <translation>Markering &amp;wissen</translation>
    </message>
    <message>
        <source>Review: remove the mark of the image on screen</source>
        <translation>Beoordeling: de markering van de getoonde afbeelding verwijderen</translation>
    </message>
    <message>
        <source>Export &amp;Review Marks…</source>
        <translation>&amp;Beoordelingen exporteren…</translation>
    </message>
    <message>
        <source>Write every test image with its true label, score, prediction and review mark as CSV</source>
        <translation>Elke testafbeelding met werkelijk label, score, voorspelling en beoordeling als CSV schrijven</translation>
    </message>
    <message>
        <source>P&amp;redicted Region Outline</source>
        <translation>Omtrek van de voorspelde &amp;regio</translation>
    </message>
    <message>
        <source>Outline the pixels whose anomaly map reaches the threshold</source>
        <translation>De pixels omlijnen waarvan de anomaliekaart de drempelwaarde bereikt</translation>
    </message>
    <message>
        <source>Set &amp;F1-Optimal Threshold</source>
        <translation>&amp;F1-optimale drempelwaarde instellen</translation>
    </message>
    <message>
        <source>Set the threshold with the highest F1 on the test images</source>
        <translation>De drempelwaarde met de hoogste F1 op de testafbeeldingen instellen</translation>
    </message>
    <message>
        <source>Turbo</source>
        <translation>Turbo</translation>
    </message>
    <message>
        <source>Inferno</source>
        <translation>Inferno</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grijs</translation>
    </message>
    <message>
        <source>Colour map of the heatmap</source>
        <translation>Kleurenschaal van de heatmap</translation>
    </message>
    <message>
        <source>Threshold and Curves</source>
        <translation>Drempelwaarde en curves</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Beoordelen</translation>
    </message>
    <message>
        <source>Mark cleared: %1</source>
        <translation>Markering gewist: %1</translation>
    </message>
    <message>
        <source>Marked %1 as %2</source>
        <translation>%1 gemarkeerd als %2</translation>
    </message>
    <message>
        <source>There are no scored test images to export: open a data set and train or open a model.</source>
        <translation>Er zijn geen gescoorde testafbeeldingen om te exporteren: open een dataset en train of open een model.</translation>
    </message>
    <message>
        <source>Export Review Marks</source>
        <translation>Beoordelingen exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-bestanden (*.csv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>%1: there are no scored test images to export</source>
        <translation>%1: er zijn geen gescoorde testafbeeldingen om te exporteren</translation>
    </message>
    <message>
        <source>Review marks exported to %1</source>
        <translation>Beoordelingen geëxporteerd naar %1</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… en nog %n</numerusform>
            <numerusform>… en nog %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation>
            <numerusform>%n bestand kon niet gelezen worden en is overgeslagen:</numerusform>
            <numerusform>%n bestanden konden niet gelezen worden en zijn overgeslagen:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ProjectController</name>
    <message>
        <source>LWinNN Studio projects (*.%1);;All files (*)</source>
        <translation>LWinNN Studio-projecten (*.%1);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>The project was not saved: %1</source>
        <translation>Het project is niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Geen recente projecten</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>The project %1 has unsaved changes. Save them?</source>
        <translation>Het project %1 heeft niet-opgeslagen wijzigingen. Opslaan?</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Project opslaan</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Project openen</translation>
    </message>
    <message>
        <source>Cannot open the project: %1</source>
        <translation>Kan het project niet openen: %1</translation>
    </message>
    <message>
        <source>%1: the model file %2 is missing; the data opens without it.</source>
        <translation>%1: het modelbestand %2 ontbreekt; de data wordt zonder model geopend.</translation>
    </message>
    <message>
        <source>%1 of the project&apos;s new images are missing.</source>
        <translation>%1 van de nieuwe afbeeldingen van het project ontbreken.</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Project opslaan als</translation>
    </message>
    <message>
        <source>There are changes that are not saved in a project. Save them?</source>
        <translation>Er zijn wijzigingen die niet in een project zijn opgeslagen. Opslaan?</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Voorkeuren</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA indien beschikbaar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA (NVIDIA-GPU)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Keep aspect ratio</source>
        <translation>Beeldverhouding behouden</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>Vierkant</translation>
    </message>
    <message>
        <source>How training images are resized for the network: automatic keeps the aspect ratio unless the images differ in size</source>
        <translation>Hoe trainingsafbeeldingen voor het netwerk worden geschaald: automatisch behoudt de beeldverhouding, tenzij de afbeeldingen in grootte verschillen</translation>
    </message>
    <message>
        <source>Half-precision (fp16) memory bank</source>
        <translation>Geheugenbank in halve precisie (fp16)</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> megapixel</translation>
    </message>
    <message>
        <source>Images with more pixels are refused before they are decoded, so that a huge or hostile file cannot exhaust the memory.</source>
        <translation>Afbeeldingen met meer pixels worden geweigerd voordat ze worden gedecodeerd, zodat een enorm of kwaadwillig bestand het geheugen niet kan uitputten.</translation>
    </message>
    <message>
        <source>Largest image</source>
        <translation>Grootste afbeelding</translation>
    </message>
    <message>
        <source>Search the standard places</source>
        <translation>Op de standaardlocaties zoeken</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <source>Backbone Weights</source>
        <translation>Backbone-gewichten</translation>
    </message>
    <message>
        <source>Weights (*.pth *.safetensors);;All files (*)</source>
        <translation>Gewichten (*.pth *.safetensors);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <source>Menus and panels change at once; a few texts follow after a restart.</source>
        <translation>Menu&apos;s en panelen wisselen direct; enkele teksten volgen na een herstart.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Apparaat</translation>
    </message>
    <message>
        <source>Resize mode</source>
        <translation>Schaalmodus</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>Backbone-gewichten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Untrained weights: for trying the Studio only, the results mean nothing.</source>
        <translation>Ongetrainde gewichten: alleen om de Studio uit te proberen, de resultaten zeggen niets.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 bestaat niet.</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gevonden: %1</translation>
    </message>
    <message>
        <source>Models trained from now on store the memory bank in 16-bit floats: half the memory and file size; scores move by about 1e-4 of their range.</source>
        <translation>Modellen die vanaf nu worden getraind slaan de geheugenbank op als 16-bit floats: half zoveel geheugen en bestandsgrootte; scores verschuiven met ongeveer 1e-4 van hun bereik.</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ThresholdPanel</name>
    <message>
        <source>Threshold</source>
        <translation>Drempelwaarde</translation>
    </message>
    <message>
        <source>Image-score threshold: images scoring at or above it are predicted defective</source>
        <translation>Drempelwaarde voor de beeldscore: afbeeldingen die erop of erboven scoren worden als defect voorspeld</translation>
    </message>
    <message>
        <source>F1-optimal</source>
        <translation>F1-optimaal</translation>
    </message>
    <message>
        <source>At the threshold: precision, recall and F1 of the image predictions, false positives (good images predicted defective) and false negatives (missed defects)</source>
        <translation>Bij de drempelwaarde: precisie, recall en F1 van de beeldvoorspellingen, fout-positieven (goede afbeeldingen als defect voorspeld) en fout-negatieven (gemiste defecten)</translation>
    </message>
    <message>
        <source>Precision — · Recall — · F1 —</source>
        <translation>Precisie — · Recall — · F1 —</translation>
    </message>
    <message>
        <source>Precision &lt;b&gt;%1&lt;/b&gt; · Recall &lt;b&gt;%2&lt;/b&gt; · F1 &lt;b&gt;%3&lt;/b&gt; · &lt;span style=&apos;color:#ef6b62&apos;&gt;FP %4&lt;/span&gt; · &lt;span style=&apos;color:#f2a33a&apos;&gt;FN %5&lt;/span&gt;</source>
        <translation>Precisie &lt;b&gt;%1&lt;/b&gt; · Recall &lt;b&gt;%2&lt;/b&gt; · F1 &lt;b&gt;%3&lt;/b&gt; · &lt;span style=&apos;color:#ef6b62&apos;&gt;FP %4&lt;/span&gt; · &lt;span style=&apos;color:#f2a33a&apos;&gt;FN %5&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Set the threshold with the highest F1 on the test images (F)</source>
        <translation>De drempelwaarde met de hoogste F1 op de testafbeeldingen instellen (F)</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::WindowChart</name>
    <message>
        <source>Image AUROC</source>
        <translation>Beeld-AUROC</translation>
    </message>
    <message>
        <source>AUPRO</source>
        <translation>AUPRO</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>Pixel-AUROC</translation>
    </message>
    <message>
        <source>Window δ</source>
        <translation>Venster δ</translation>
    </message>
    <message>
        <source>Metrics of the test set at every window size δ, from one search; pick the knee, then move the δ slider there</source>
        <translation>Metrieken van de testset bij elke venstergrootte δ, uit één zoekactie; kies de knik en zet de δ-schuifregelaar daar</translation>
    </message>
    <message>
        <source>Train or open a model to compare window sizes.</source>
        <translation>Train of open een model om venstergroottes te vergelijken.</translation>
    </message>
    <message>
        <source>Pixel metrics: %1 of %2 window sizes computed…</source>
        <translation>Pixelmetrieken: %1 van %2 venstergroottes berekend…</translation>
    </message>
    <message>
        <source>All %1 window sizes from one search.</source>
        <translation>Alle %1 venstergroottes uit één zoekactie.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Build a visual anomaly detector from photos of good parts, tune it on heatmaps, export it.</source>
        <translation>Bouw een visuele anomaliedetector uit foto&apos;s van goede onderdelen, stem hem af op heatmaps en exporteer hem.</translation>
    </message>
    <message>
        <source>An MVTec AD category or a folder of good images.</source>
        <translation>Een MVTec AD-categorie of een map met goede afbeeldingen.</translation>
    </message>
    <message>
        <source>Open this model file.</source>
        <translation>Dit modelbestand openen.</translation>
    </message>
    <message>
        <source>Train on DATASET_DIR at start.</source>
        <translation>Bij het starten trainen op DATASET_DIR.</translation>
    </message>
    <message>
        <source>Backbone weights: a file, or &apos;random&apos; to try things out (default: search $LWINNN_WEIGHTS and the standard places).</source>
        <translation>Backbone-gewichten: een bestand, of &apos;random&apos; om te experimenteren (standaard: $LWINNN_WEIGHTS en de standaardlocaties doorzoeken).</translation>
    </message>
    <message>
        <source>--train needs a DATASET_DIR.</source>
        <translation>--train vereist een DATASET_DIR.</translation>
    </message>
</context>
</TS>
