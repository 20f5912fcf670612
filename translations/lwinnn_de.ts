<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <translation>Datei existiert nicht</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>Datei oder Ordner existiert nicht</translation>
    </message>
    <message>
        <source>is a folder, not an image</source>
        <translation>ist ein Ordner, kein Bild</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>cannot decode the image (corrupt, truncated or not a PNG, JPEG, BMP or TIFF file)</source>
        <translation>das Bild kann nicht dekodiert werden (beschädigt, abgeschnitten oder keine PNG-, JPEG-, BMP- oder TIFF-Datei)</translation>
    </message>
    <message>
        <source>cannot decode the image: %1</source>
        <translation>das Bild kann nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>the image has no pixels</source>
        <translation>das Bild hat keine Pixel</translation>
    </message>
    <message>
        <source>truncated: the JPEG data ends before its end-of-image marker</source>
        <translation>abgeschnitten: die JPEG-Daten enden vor ihrer Bildende-Markierung</translation>
    </message>
    <message>
        <source>the image is %1 × %2 pixels (%3 megapixels), more than the limit of %4 megapixels</source>
        <translation>das Bild hat %1 × %2 Pixel (%3 Megapixel), mehr als die Grenze von %4 Megapixeln</translation>
    </message>
    <message>
        <source>the image header declares no pixels</source>
        <translation>der Bildkopf gibt keine Pixel an</translation>
    </message>
    <message>
        <source>unsupported pixel depth (only 8- and 16-bit images are read)</source>
        <translation>nicht unterstützte Pixeltiefe (nur 8- und 16-Bit-Bilder werden gelesen)</translation>
    </message>
    <message>
        <source>unsupported channel count %1</source>
        <translation>nicht unterstützte Kanalanzahl %1</translation>
    </message>
    <message>
        <source>unsupported pixel depth for a mask (only 8- and 16-bit images are read)</source>
        <translation>nicht unterstützte Pixeltiefe für eine Maske (nur 8- und 16-Bit-Bilder werden gelesen)</translation>
    </message>
    <message>
        <source>cannot encode the image</source>
        <translation>das Bild kann nicht kodiert werden</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>Ordner existiert nicht</translation>
    </message>
    <message>
        <source>is not a folder</source>
        <translation>ist kein Ordner</translation>
    </message>
    <message>
        <source>not a folder</source>
        <translation>kein Ordner</translation>
    </message>
    <message>
        <source>cannot list the folder: %1</source>
        <translation>der Ordnerinhalt kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot create the folder: %1</source>
        <translation>der Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>no images found (expected an MVTec AD folder with train/ and test/, or a folder of good images)</source>
        <translation>keine Bilder gefunden (erwartet wird ein MVTec-AD-Ordner mit train/ und test/ oder ein Ordner mit guten Bildern)</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: no train/good folder</source>
        <translation>ist keine MVTec-AD-Kategorie: kein Ordner train/good</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: train/good holds no images</source>
        <translation>ist keine MVTec-AD-Kategorie: train/good enthält keine Bilder</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: no test folder</source>
        <translation>ist keine MVTec-AD-Kategorie: kein Ordner test</translation>
    </message>
    <message>
        <source>is not an MVTec AD category: the test folder holds no images</source>
        <translation>ist keine MVTec-AD-Kategorie: der Ordner test enthält keine Bilder</translation>
    </message>
    <message>
        <source>defect image has no mask (expected %1)</source>
        <translation>Defektbild ohne Maske (erwartet: %1)</translation>
    </message>
    <message>
        <source>holds no images</source>
        <translation>enthält keine Bilder</translation>
    </message>
    <message>
        <source>truncated: the file is %1 bytes, shorter than the 8-byte header length of a safetensors file</source>
        <translation>abgeschnitten: die Datei hat %1 Bytes, weniger als die 8 Bytes der Headerlänge einer safetensors-Datei</translation>
    </message>
    <message>
        <source>not a safetensors file: its header length field says %1 bytes, which is absurd (over 100 MB)</source>
        <translation>keine safetensors-Datei: ihr Headerlängenfeld gibt %1 Bytes an, was unsinnig ist (über 100 MB)</translation>
    </message>
    <message>
        <source>truncated: the header says %1 bytes but only %2 follow</source>
        <translation>abgeschnitten: der Header gibt %1 Bytes an, es folgen aber nur %2</translation>
    </message>
    <message>
        <source>the header is not valid JSON: %1</source>
        <translation>der Header ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>tensor %1 ends at byte %2 of a data section of only %3 bytes (truncated?)</source>
        <translation>Tensor %1 endet bei Byte %2 eines Datenbereichs von nur %3 Bytes (abgeschnitten?)</translation>
    </message>
    <message>
        <source>not a LWinNN model (a safetensors file without format &quot;lwinnn-model&quot;)</source>
        <translation>kein LWinNN-Modell (eine safetensors-Datei ohne das Format &quot;lwinnn-model&quot;)</translation>
    </message>
    <message>
        <source>the model was written by a newer LWinNN (model format %1); this build reads format %2 and older. Update LWinNN Studio to open it.</source>
        <translation>das Modell wurde von einem neueren LWinNN geschrieben (Modellformat %1); diese Version liest Format %2 und älter. Aktualisieren Sie LWinNN Studio, um es zu öffnen.</translation>
    </message>
    <message>
        <source>invalid model format version %1</source>
        <translation>ungültige Modellformatversion %1</translation>
    </message>
    <message>
        <source>the model header has no &apos;%1&apos;</source>
        <translation>dem Modellheader fehlt &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the model header is inconsistent (input, grid, channels, window or count)</source>
        <translation>der Modellheader ist widersprüchlich (Eingabe, Raster, Kanäle, Fenster oder Anzahl)</translation>
    </message>
    <message>
        <source>the model has no tensor &apos;%1&apos;</source>
        <translation>dem Modell fehlt der Tensor &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the tensor &apos;%1&apos; has shape %2 but the header implies %3</source>
        <translation>der Tensor &apos;%1&apos; hat die Form %2, laut Header müsste sie %3 sein</translation>
    </message>
    <message>
        <source>no such weights file</source>
        <translation>Gewichtsdatei existiert nicht</translation>
    </message>
    <message>
        <source>LWINNN_WEIGHTS names a file that does not exist</source>
        <translation>LWINNN_WEIGHTS nennt eine Datei, die nicht existiert</translation>
    </message>
    <message>
        <source>No ResNet18 ImageNet weights were found. LWinNN needs torchvision&apos;s resnet18-f37072fd.pth (44.7 MB):
  - run `lwinnn fetch-weights` where a network is available, or
  - download %1
    (its SHA-256 starts with %2) and either pass it with --weights FILE,
    set LWINNN_WEIGHTS=FILE, or put it in one of the places searched:
%3  - or use --weights random to try the tool with untrained (random) weights; results will be poor.</source>
        <translation>Es wurden keine ResNet18-ImageNet-Gewichte gefunden. LWinNN benötigt resnet18-f37072fd.pth von torchvision (44,7 MB):
  - führen Sie `lwinnn fetch-weights` auf einem Rechner mit Netzwerk aus, oder
  - laden Sie %1 herunter
    (die SHA-256 beginnt mit %2) und übergeben Sie die Datei mit --weights DATEI,
    setzen Sie LWINNN_WEIGHTS=DATEI oder legen Sie sie an einen der durchsuchten Orte:
%3  - oder verwenden Sie --weights random, um das Werkzeug mit untrainierten (zufälligen) Gewichten auszuprobieren; die Ergebnisse sind dann schlecht.</translation>
    </message>
    <message>
        <source>truncated: it starts like a zip file but its end-of-central-directory record is missing</source>
        <translation>abgeschnitten: beginnt wie eine ZIP-Datei, aber der End-of-Central-Directory-Eintrag fehlt</translation>
    </message>
    <message>
        <source>not a PyTorch zip checkpoint (torch.save format); it looks like a JSON file</source>
        <translation>kein PyTorch-ZIP-Checkpoint (torch.save-Format); es sieht nach einer JSON-Datei aus</translation>
    </message>
    <message>
        <source>not a PyTorch zip checkpoint (torch.save format); it has no zip end-of-central-directory record</source>
        <translation>kein PyTorch-ZIP-Checkpoint (torch.save-Format); der End-of-Central-Directory-Eintrag einer ZIP-Datei fehlt</translation>
    </message>
    <message>
        <source>truncated or damaged: %1 (bytes %2 to %3) runs past byte %4</source>
        <translation>abgeschnitten oder beschädigt: %1 (Bytes %2 bis %3) reicht über Byte %4 hinaus</translation>
    </message>
    <message>
        <source>not a PyTorch checkpoint: the zip holds no data.pkl (torch.save always writes one)</source>
        <translation>kein PyTorch-Checkpoint: das ZIP enthält keine data.pkl (torch.save schreibt immer eine)</translation>
    </message>
    <message>
        <source>no training images were given</source>
        <translation>es wurden keine Trainingsbilder angegeben</translation>
    </message>
    <message>
        <source>none of the %1 training images could be read</source>
        <translation>keines der %1 Trainingsbilder konnte gelesen werden</translation>
    </message>
    <message>
        <source>none of the test images could be read</source>
        <translation>keines der Testbilder konnte gelesen werden</translation>
    </message>
    <message>
        <source>device &apos;%1&apos; was asked for, but this build of LibTorch has no CUDA support or no CUDA device is visible; use --device cpu</source>
        <translation>Gerät &apos;%1&apos; wurde angefordert, aber diese LibTorch-Version hat keine CUDA-Unterstützung oder es ist kein CUDA-Gerät sichtbar; verwenden Sie --device cpu</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>cannot create a temporary file beside it: %1</source>
        <translation>daneben kann keine temporäre Datei angelegt werden: %1</translation>
    </message>
    <message>
        <source>cannot rename the temporary file over it: %1</source>
        <translation>die temporäre Datei kann nicht an ihre Stelle umbenannt werden: %1</translation>
    </message>
    <message>
        <source>already exists; the export replaces files only when asked to</source>
        <translation>existiert bereits; der Export ersetzt Dateien nur auf Nachfrage</translation>
    </message>
    <message>
        <source>not a valid project file: %1 at byte %2</source>
        <translation>keine gültige Projektdatei: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>not a valid project file: no JSON object</source>
        <translation>keine gültige Projektdatei: kein JSON-Objekt</translation>
    </message>
    <message>
        <source>not an LWinNN Studio project (no &quot;format&quot;)</source>
        <translation>kein LWinNN-Studio-Projekt (kein &quot;format&quot;)</translation>
    </message>
    <message>
        <source>not an LWinNN Studio project (format &quot;%1&quot;)</source>
        <translation>kein LWinNN-Studio-Projekt (Format &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>the project was written by a newer LWinNN Studio (project version %1; this version reads up to %2)</source>
        <translation>das Projekt wurde von einem neueren LWinNN Studio geschrieben (Projektversion %1; diese Version liest bis %2)</translation>
    </message>
    <message>
        <source>the data set folder %1 does not exist</source>
        <translation>der Datensatzordner %1 existiert nicht</translation>
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
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>False-positive rate</source>
        <translation>Falsch-positiv-Rate</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>Richtig-positiv-Rate</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Image score</source>
        <translation>Bildscore</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>False-positive rate (pixels)</source>
        <translation>Falsch-positiv-Rate (Pixel)</translation>
    </message>
    <message>
        <source>Per-region overlap</source>
        <translation>Überlappung pro Region</translation>
    </message>
    <message>
        <source>Image scores &amp;&amp; ROC</source>
        <translation>Bildscores &amp;&amp; ROC</translation>
    </message>
    <message>
        <source>Pixels: PRO</source>
        <translation>Pixel: PRO</translation>
    </message>
    <message>
        <source>Histogram of the image scores of good and defective test images with the threshold, and the image ROC with the threshold&apos;s operating point</source>
        <translation>Histogramm der Bildscores guter und defekter Testbilder mit dem Schwellenwert, und die Bild-ROC mit dem Arbeitspunkt des Schwellenwerts</translation>
    </message>
    <message>
        <source>Per-region overlap against the pixel false-positive rate; the shaded part up to the FPR limit is what AUPRO averages</source>
        <translation>Überlappung pro Region gegen die Falsch-positiv-Rate der Pixel; AUPRO mittelt über den schattierten Teil bis zur FPR-Grenze</translation>
    </message>
    <message>
        <source>Image ROC — AUROC %1 (δ = %2)</source>
        <translation>Bild-ROC — AUROC %1 (δ = %2)</translation>
    </message>
    <message>
        <source>Image ROC</source>
        <translation>Bild-ROC</translation>
    </message>
    <message>
        <source>PRO — AUPRO %1 (FPR ≤ %2), pixel AUROC %3</source>
        <translation>PRO — AUPRO %1 (FPR ≤ %2), Pixel-AUROC %3</translation>
    </message>
    <message>
        <source>PRO (needs defect masks)</source>
        <translation>PRO (benötigt Defektmasken)</translation>
    </message>
    <message>
        <source>Image scores</source>
        <translation>Bildscores</translation>
    </message>
    <message>
        <source>Image scores — threshold %1</source>
        <translation>Bildscores — Schwellenwert %1</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::DetectorWorker</name>
    <message>
        <source>Opening data set</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Scoring test images</source>
        <translation>Testbilder bewerten</translation>
    </message>
    <message>
        <source>Scoring cancelled.</source>
        <translation>Bewertung abgebrochen.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is kept.</source>
        <translation>Training abgebrochen; das vorherige Modell bleibt erhalten.</translation>
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation>Training abgebrochen.</translation>
    </message>
    <message>
        <source>Opening model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>Saving model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>Showing δ = %1</source>
        <translation>δ = %1 anzeigen</translation>
    </message>
    <message>
        <source>Re-scoring with δ = %1</source>
        <translation>Neu bewerten mit δ = %1</translation>
    </message>
    <message>
        <source>Re-scoring cancelled; δ stays %1.</source>
        <translation>Neubewertung abgebrochen; δ bleibt %1.</translation>
    </message>
    <message>
        <source>Scoring new images</source>
        <translation>Neue Bilder bewerten</translation>
    </message>
    <message>
        <source>Scoring of the new images cancelled.</source>
        <translation>Bewertung der neuen Bilder abgebrochen.</translation>
    </message>
    <message>
        <source>open a data set before training</source>
        <translation>öffnen Sie vor dem Training einen Datensatz</translation>
    </message>
    <message>
        <source>there is no model to save: train one first</source>
        <translation>es gibt kein Modell zum Speichern: trainieren Sie zuerst eines</translation>
    </message>
    <message>
        <source>there is no model to score with: train or open one first</source>
        <translation>es gibt kein Modell zum Bewerten: trainieren oder öffnen Sie zuerst eines</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>All test images</source>
        <translation>Alle Testbilder</translation>
    </message>
    <message>
        <source>Defects only (test images at or above the threshold)</source>
        <translation>Nur Defekte (Testbilder ab dem Schwellenwert)</translation>
    </message>
    <message>
        <source>New images</source>
        <translation>Neue Bilder</translation>
    </message>
    <message>
        <source>Selected images</source>
        <translation>Ausgewählte Bilder</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Heatmap overlays (PNG)</source>
        <translation>Heatmap-Überlagerungen (PNG)</translation>
    </message>
    <message>
        <source>Anomaly maps (32-bit float TIFF)</source>
        <translation>Anomaliekarten (32-Bit-Float-TIFF)</translation>
    </message>
    <message>
        <source>Scores and verdicts (CSV)</source>
        <translation>Scores und Urteile (CSV)</translation>
    </message>
    <message>
        <source>Per image</source>
        <translation>Pro Bild</translation>
    </message>
    <message>
        <source>Model for deployment</source>
        <translation>Modell für den Einsatz</translation>
    </message>
    <message>
        <source>TorchScript module (.pt)</source>
        <translation>TorchScript-Modul (.pt)</translation>
    </message>
    <message>
        <source>Triton Inference Server model repository</source>
        <translation>Modell-Repository für Triton Inference Server</translation>
    </message>
    <message>
        <source>Train or open a model to export it.</source>
        <translation>Trainieren oder öffnen Sie ein Modell, um es zu exportieren.</translation>
    </message>
    <message>
        <source>Save the model first (File ▸ Save Model…) to export it.</source>
        <translation>Speichern Sie das Modell zuerst (Datei ▸ Modell speichern…), um es zu exportieren.</translation>
    </message>
    <message>
        <source>Exports %1 at δ = %2.</source>
        <translation>Exportiert %1 mit δ = %2.</translation>
    </message>
    <message>
        <source>Folder for the exported files</source>
        <translation>Ordner für die exportierten Dateien</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Wählen Sie einen Ausgabeordner.</translation>
    </message>
    <message>
        <source>There are no images in this set.</source>
        <translation>Diese Auswahl enthält keine Bilder.</translation>
    </message>
    <message>
        <source>Choose what to export.</source>
        <translation>Wählen Sie, was exportiert werden soll.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be written.</source>
        <translation>
            <numerusform>%n Datei wird geschrieben.</numerusform>
            <numerusform>%n Dateien werden geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Replace Files?</source>
        <translation>Dateien ersetzen?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the output folder already exist, for example %1. Replace them?</source>
        <translation>
            <numerusform>%n Datei im Ausgabeordner existiert bereits: %1. Ersetzen?</numerusform>
            <numerusform>%n Dateien im Ausgabeordner existieren bereits, zum Beispiel %1. Ersetzen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was written: choose another folder or allow replacing the files.</source>
        <translation>Es wurde nichts geschrieben: Wählen Sie einen anderen Ordner oder erlauben Sie das Ersetzen.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written to %1.</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben.</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far were removed.</source>
        <translation>Export abgebrochen; die bereits geschriebenen Dateien wurden entfernt.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Abbrechen…</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::GalleryModel</name>
    <message>
        <source>reviewed: defect</source>
        <translation>geprüft: Defekt</translation>
    </message>
    <message>
        <source>reviewed: good</source>
        <translation>geprüft: gut</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>%1
%2  ·  %3</source>
        <translation>%1
%2  ·  %3</translation>
    </message>
    <message>
        <source>predicted defect</source>
        <translation>vorhergesagt: Defekt</translation>
    </message>
    <message>
        <source>predicted good</source>
        <translation>vorhergesagt: gut</translation>
    </message>
    <message>
        <source>⚠ false positive</source>
        <translation>⚠ falsch positiv</translation>
    </message>
    <message>
        <source>⚠ false negative</source>
        <translation>⚠ falsch negativ</translation>
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
        <translation>✔ Defekt</translation>
    </message>
    <message>
        <source>✔ good</source>
        <translation>✔ gut</translation>
    </message>
    <message>
        <source>%1
Score: %2
True label: %3</source>
        <translation>%1
Score: %2
Tatsächliches Label: %3</translation>
    </message>
    <message>
        <source>%1
Score: %2
True label: %3
Predicted: %4 (threshold %5)
Review: %6</source>
        <translation>%1
Score: %2
Tatsächliches Label: %3
Vorhergesagt: %4 (Schwellenwert %5)
Prüfung: %6</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>good</source>
        <translation>gut</translation>
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
Vorhergesagt: %3 (Schwellenwert %4)</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1 holds %n categories. Open:</source>
        <translation>
            <numerusform>%1 enthält %n Kategorie. Öffnen:</numerusform>
            <numerusform>%1 enthält %n Kategorien. Öffnen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a Category</source>
        <translation>Kategorie wählen</translation>
    </message>
    <message>
        <source>LWinNN Studio</source>
        <translation>LWinNN Studio</translation>
    </message>
    <message>
        <source>Model saved to %1</source>
        <translation>Modell gespeichert in %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Open a data set (Ctrl+O) or drop its folder here.</source>
        <translation>Öffnen Sie einen Datensatz (Strg+O) oder ziehen Sie seinen Ordner hierher.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Open Data Set…</source>
        <translation>Datensatz ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open an MVTec AD category or a folder of good images</source>
        <translation>Eine MVTec-AD-Kategorie oder einen Ordner mit guten Bildern öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <source>Open a trained model file</source>
        <translation>Eine trainierte Modelldatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation>Modell &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the trained model</source>
        <translation>Das trainierte Modell speichern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit LWinNN Studio</source>
        <translation>LWinNN Studio beenden</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>Train a model on the good training images</source>
        <translation>Ein Modell mit den guten Trainingsbildern trainieren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running operation</source>
        <translation>Den laufenden Vorgang abbrechen</translation>
    </message>
    <message>
        <source>&amp;Heatmap Overlay</source>
        <translation>&amp;Heatmap-Überlagerung</translation>
    </message>
    <message>
        <source>Show the anomaly heatmap over the image</source>
        <translation>Die Anomalie-Heatmap über dem Bild anzeigen</translation>
    </message>
    <message>
        <source>&amp;Ground-Truth Outline</source>
        <translation>&amp;Umriss der Annotation</translation>
    </message>
    <message>
        <source>Outline the annotated defect region</source>
        <translation>Die annotierte Defektregion umranden</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;An Fenster anpassen</translation>
    </message>
    <message>
        <source>Fit the image to the window</source>
        <translation>Das Bild an das Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Show the image at 100 %</source>
        <translation>Das Bild in 100 % anzeigen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>&amp;Nächstes Bild</translation>
    </message>
    <message>
        <source>Show the next test image</source>
        <translation>Das nächste Testbild anzeigen</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>&amp;Vorheriges Bild</translation>
    </message>
    <message>
        <source>Show the previous test image</source>
        <translation>Das vorherige Testbild anzeigen</translation>
    </message>
    <message>
        <source>&amp;About LWinNN Studio</source>
        <translation>&amp;Über LWinNN Studio</translation>
    </message>
    <message>
        <source>About LWinNN Studio</source>
        <translation>Über LWinNN Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LWinNN Studio&lt;/h3&gt;&lt;p&gt;Visual anomaly detection from photos of good parts, with local-window nearest-neighbour search.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LWinNN Studio&lt;/h3&gt;&lt;p&gt;Visuelle Anomalieerkennung anhand von Fotos guter Teile, mit Nächster-Nachbar-Suche in einem lokalen Fenster.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>Close the data and the model and start a new project</source>
        <translation>Daten und Modell schließen und ein neues Projekt beginnen</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>&amp;Projekt öffnen…</translation>
    </message>
    <message>
        <source>Open a project: its data, model, threshold and review marks</source>
        <translation>Ein Projekt öffnen: Daten, Modell, Schwellenwert und Prüfmarkierungen</translation>
    </message>
    <message>
        <source>Save P&amp;roject</source>
        <translation>P&amp;rojekt speichern</translation>
    </message>
    <message>
        <source>Save the data, model, settings, threshold and review marks as a project</source>
        <translation>Daten, Modell, Einstellungen, Schwellenwert und Prüfmarkierungen als Projekt speichern</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Projekt speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the project under another name</source>
        <translation>Das Projekt unter einem anderen Namen speichern</translation>
    </message>
    <message>
        <source>S&amp;core Images…</source>
        <translation>Bilder &amp;bewerten…</translation>
    </message>
    <message>
        <source>Score new, unlabelled images with the trained model</source>
        <translation>Neue, unbeschriftete Bilder mit dem trainierten Modell bewerten</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export heatmaps, scores and the model for deployment</source>
        <translation>Heatmaps, Scores und das Modell für den Einsatz exportieren</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Device, resize mode, weights file and language</source>
        <translation>Gerät, Skalierungsmodus, Gewichtsdatei und Sprache</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent Project</source>
        <translation>&amp;Zuletzt verwendetes Projekt öffnen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Data Set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Local window size δ: how far (in patches) a test patch may look for its nearest training patch</source>
        <translation>Lokale Fenstergröße δ: wie weit (in Patches) ein Testpatch nach seinem nächsten Trainingspatch suchen darf</translation>
    </message>
    <message>
        <source>Window δ</source>
        <translation>Fenster δ</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
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
        <translation>F1-optimaler Schwellenwert</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model and Results</source>
        <translation>Modell und Ergebnisse</translation>
    </message>
    <message>
        <source>Score (highest first)</source>
        <translation>Score (absteigend)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Defect type</source>
        <translation>Defekttyp</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>False positives</source>
        <translation>Falsch positive</translation>
    </message>
    <message>
        <source>False negatives</source>
        <translation>Falsch negative</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Show all test images, or only the wrong predictions at the threshold, or the images without a review mark</source>
        <translation>Alle Testbilder anzeigen, nur die falschen Vorhersagen beim Schwellenwert oder die Bilder ohne Prüfmarkierung</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Test Images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Abbrechen…</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 von %2 Bildern</translation>
    </message>
    <message>
        <source>%1 — about %2 left</source>
        <translation>%1 — noch etwa %2</translation>
    </message>
    <message>
        <source>%1 — LWinNN Studio</source>
        <translation>%1 — LWinNN Studio</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Good images only</source>
        <translation>Nur gute Bilder</translation>
    </message>
    <message>
        <source>MVTec AD</source>
        <translation>MVTec AD</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <source>Masks matched</source>
        <translation>Zugeordnete Masken</translation>
    </message>
    <message numerus="yes">
        <source>%n good image(s) found, no test set: train to build a model.</source>
        <translation>
            <numerusform>%n gutes Bild gefunden, kein Testsatz: trainieren Sie, um ein Modell zu erstellen.</numerusform>
            <numerusform>%n gute Bilder gefunden, kein Testsatz: trainieren Sie, um ein Modell zu erstellen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Train (Ctrl+T) to score the %n test image(s).</source>
        <translation>
            <numerusform>Trainieren Sie (Strg+T), um das %n Testbild zu bewerten.</numerusform>
            <numerusform>Trainieren Sie (Strg+T), um die %n Testbilder zu bewerten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>%1 training images, input %2×%3, %4
weights: %5</source>
        <translation>%1 Trainingsbilder, Eingabe %2×%3, %4
Gewichte: %5</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Noch kein Modell</translation>
    </message>
    <message>
        <source>%1 (F1 %2)</source>
        <translation>%1 (F1 %2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; true label: %3 &amp;nbsp; predicted: %4 &amp;nbsp; review: %5 &amp;nbsp; δ = %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; Score %2 &amp;nbsp; tatsächliches Label: %3 &amp;nbsp; vorhergesagt: %4 &amp;nbsp; Prüfung: %5 &amp;nbsp; δ = %6</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Open Data Set</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>LWinNN models (*.lwinnn);;All files (*)</source>
        <translation>LWinNN-Modelle (*.lwinnn);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>%1: drop a folder (a data set), not a file</source>
        <translation>%1: Ziehen Sie einen Ordner (einen Datensatz) hierher, keine Datei</translation>
    </message>
    <message>
        <source>New Images</source>
        <translation>Neue Bilder</translation>
    </message>
    <message>
        <source>Drop images or a folder of new, unlabelled images here (or use File ▸ Score Images…) to score them with the trained model.</source>
        <translation>Ziehen Sie Bilder oder einen Ordner mit neuen, unbeschrifteten Bildern hierher (oder verwenden Sie Datei ▸ Bilder bewerten…), um sie mit dem trainierten Modell zu bewerten.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove the new images from the list</source>
        <translation>Die neuen Bilder aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Score Images</source>
        <translation>Bilder bewerten</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Train or open a model before scoring new images.</source>
        <translation>Trainieren oder öffnen Sie ein Modell, bevor Sie neue Bilder bewerten.</translation>
    </message>
    <message>
        <source>%1: no images found</source>
        <translation>%1: keine Bilder gefunden</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; score %2 &amp;nbsp; %3 &amp;nbsp; δ = %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; Score %2 &amp;nbsp; %3 &amp;nbsp; δ = %4</translation>
    </message>
    <message>
        <source>predicted defect</source>
        <translation>vorhergesagt: Defekt</translation>
    </message>
    <message>
        <source>predicted good</source>
        <translation>vorhergesagt: gut</translation>
    </message>
    <message>
        <source>Mark as &amp;Defect</source>
        <translation>Als &amp;Defekt markieren</translation>
    </message>
    <message>
        <source>Review: the image on screen shows a defect</source>
        <translation>Prüfung: das angezeigte Bild zeigt einen Defekt</translation>
    </message>
    <message>
        <source>Mark as &amp;Good (OK)</source>
        <translation>Als &amp;gut markieren (OK)</translation>
    </message>
    <message>
        <source>Review: the image on screen is OK</source>
        <translation>Prüfung: das angezeigte Bild ist in Ordnung</translation>
    </message>
    <message>
        <source>&amp;Clear Mark</source>
        <translation>Markierung &amp;entfernen</translation>
    </message>
    <message>
        <source>Review: remove the mark of the image on screen</source>
        <translation>Prüfung: die Markierung des angezeigten Bildes entfernen</translation>
    </message>
    <message>
        <source>Export &amp;Review Marks…</source>
        <translation>&amp;Prüfmarkierungen exportieren…</translation>
    </message>
    <message>
        <source>Write every test image with its true label, score, prediction and review mark as CSV</source>
        <translation>Jedes Testbild mit tatsächlichem Label, Score, Vorhersage und Prüfmarkierung als CSV schreiben</translation>
    </message>
    <message>
        <source>P&amp;redicted Region Outline</source>
        <translation>Umriss der vorhergesagten &amp;Region</translation>
    </message>
    <message>
        <source>Outline the pixels whose anomaly map reaches the threshold</source>
        <translation>Die Pixel umranden, deren Anomaliekarte den Schwellenwert erreicht</translation>
    </message>
    <message>
        <source>Set &amp;F1-Optimal Threshold</source>
        <translation>&amp;F1-optimalen Schwellenwert setzen</translation>
    </message>
    <message>
        <source>Set the threshold with the highest F1 on the test images</source>
        <translation>Den Schwellenwert mit dem höchsten F1 auf den Testbildern setzen</translation>
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
        <translation>Grau</translation>
    </message>
    <message>
        <source>Colour map of the heatmap</source>
        <translation>Farbskala der Heatmap</translation>
    </message>
    <message>
        <source>Threshold and Curves</source>
        <translation>Schwellenwert und Kurven</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Mark cleared: %1</source>
        <translation>Markierung entfernt: %1</translation>
    </message>
    <message>
        <source>Marked %1 as %2</source>
        <translation>%1 als %2 markiert</translation>
    </message>
    <message>
        <source>There are no scored test images to export: open a data set and train or open a model.</source>
        <translation>Es gibt keine bewerteten Testbilder zum Exportieren: Öffnen Sie einen Datensatz und trainieren oder öffnen Sie ein Modell.</translation>
    </message>
    <message>
        <source>Export Review Marks</source>
        <translation>Prüfmarkierungen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1: there are no scored test images to export</source>
        <translation>%1: Es gibt keine bewerteten Testbilder zum Exportieren</translation>
    </message>
    <message>
        <source>Review marks exported to %1</source>
        <translation>Prüfmarkierungen nach %1 exportiert</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden und wurde übersprungen:</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden und wurden übersprungen:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ProjectController</name>
    <message>
        <source>LWinNN Studio projects (*.%1);;All files (*)</source>
        <translation>LWinNN-Studio-Projekte (*.%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The project was not saved: %1</source>
        <translation>Das Projekt wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt verwendeten Projekte</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The project %1 has unsaved changes. Save them?</source>
        <translation>Das Projekt %1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Cannot open the project: %1</source>
        <translation>Das Projekt kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1: the model file %2 is missing; the data opens without it.</source>
        <translation>%1: Die Modelldatei %2 fehlt; die Daten werden ohne Modell geöffnet.</translation>
    </message>
    <message>
        <source>%1 of the project&apos;s new images are missing.</source>
        <translation>%1 der neuen Bilder des Projekts fehlen.</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>There are changes that are not saved in a project. Save them?</source>
        <translation>Es gibt Änderungen, die nicht in einem Projekt gespeichert sind. Speichern?</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA, falls verfügbar)</translation>
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
        <translation>Seitenverhältnis beibehalten</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>Quadratisch</translation>
    </message>
    <message>
        <source>How training images are resized for the network: automatic keeps the aspect ratio unless the images differ in size</source>
        <translation>Wie Trainingsbilder für das Netz skaliert werden: automatisch behält das Seitenverhältnis bei, außer wenn die Bilder unterschiedlich groß sind</translation>
    </message>
    <message>
        <source>Half-precision (fp16) memory bank</source>
        <translation>Speicherbank in halber Genauigkeit (fp16)</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> Megapixel</translation>
    </message>
    <message>
        <source>Images with more pixels are refused before they are decoded, so that a huge or hostile file cannot exhaust the memory.</source>
        <translation>Bilder mit mehr Pixeln werden vor dem Dekodieren abgelehnt, damit eine riesige oder bösartige Datei den Speicher nicht erschöpfen kann.</translation>
    </message>
    <message>
        <source>Largest image</source>
        <translation>Größtes Bild</translation>
    </message>
    <message>
        <source>Search the standard places</source>
        <translation>An den Standardorten suchen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Backbone Weights</source>
        <translation>Backbone-Gewichte</translation>
    </message>
    <message>
        <source>Weights (*.pth *.safetensors);;All files (*)</source>
        <translation>Gewichte (*.pth *.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Menus and panels change at once; a few texts follow after a restart.</source>
        <translation>Menüs und Bereiche wechseln sofort; einige Texte folgen nach einem Neustart.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Resize mode</source>
        <translation>Skalierungsmodus</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>Backbone-Gewichte</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Untrained weights: for trying the Studio only, the results mean nothing.</source>
        <translation>Untrainierte Gewichte: nur zum Ausprobieren des Studios, die Ergebnisse sind bedeutungslos.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gefunden: %1</translation>
    </message>
    <message>
        <source>Models trained from now on store the memory bank in 16-bit floats: half the memory and file size; scores move by about 1e-4 of their range.</source>
        <translation>Ab jetzt trainierte Modelle speichern die Speicherbank als 16-Bit-Floats: halber Speicher und halbe Dateigröße; die Scores ändern sich um etwa 1e-4 ihres Bereichs.</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::ThresholdPanel</name>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Image-score threshold: images scoring at or above it are predicted defective</source>
        <translation>Schwellenwert des Bildscores: Bilder mit einem Score ab diesem Wert werden als defekt vorhergesagt</translation>
    </message>
    <message>
        <source>F1-optimal</source>
        <translation>F1-optimal</translation>
    </message>
    <message>
        <source>At the threshold: precision, recall and F1 of the image predictions, false positives (good images predicted defective) and false negatives (missed defects)</source>
        <translation>Beim Schwellenwert: Präzision, Recall und F1 der Bildvorhersagen, falsch Positive (gute Bilder als defekt vorhergesagt) und falsch Negative (übersehene Defekte)</translation>
    </message>
    <message>
        <source>Precision — · Recall — · F1 —</source>
        <translation>Präzision — · Recall — · F1 —</translation>
    </message>
    <message>
        <source>Precision &lt;b&gt;%1&lt;/b&gt; · Recall &lt;b&gt;%2&lt;/b&gt; · F1 &lt;b&gt;%3&lt;/b&gt; · &lt;span style=&apos;color:#ef6b62&apos;&gt;FP %4&lt;/span&gt; · &lt;span style=&apos;color:#f2a33a&apos;&gt;FN %5&lt;/span&gt;</source>
        <translation>Präzision &lt;b&gt;%1&lt;/b&gt; · Recall &lt;b&gt;%2&lt;/b&gt; · F1 &lt;b&gt;%3&lt;/b&gt; · &lt;span style=&apos;color:#ef6b62&apos;&gt;FP %4&lt;/span&gt; · &lt;span style=&apos;color:#f2a33a&apos;&gt;FN %5&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Set the threshold with the highest F1 on the test images (F)</source>
        <translation>Den Schwellenwert mit dem höchsten F1 auf den Testbildern setzen (F)</translation>
    </message>
</context>
<context>
    <name>lwinnn::ui::WindowChart</name>
    <message>
        <source>Image AUROC</source>
        <translation>Bild-AUROC</translation>
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
        <translation>Fenster δ</translation>
    </message>
    <message>
        <source>Metrics of the test set at every window size δ, from one search; pick the knee, then move the δ slider there</source>
        <translation>Metriken des Testsatzes für jede Fenstergröße δ aus einer Suche; wählen Sie den Knick und stellen Sie den δ-Regler dorthin</translation>
    </message>
    <message>
        <source>Train or open a model to compare window sizes.</source>
        <translation>Trainieren oder öffnen Sie ein Modell, um Fenstergrößen zu vergleichen.</translation>
    </message>
    <message>
        <source>Pixel metrics: %1 of %2 window sizes computed…</source>
        <translation>Pixelmetriken: %1 von %2 Fenstergrößen berechnet…</translation>
    </message>
    <message>
        <source>All %1 window sizes from one search.</source>
        <translation>Alle %1 Fenstergrößen aus einer Suche.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Build a visual anomaly detector from photos of good parts, tune it on heatmaps, export it.</source>
        <translation>Erstellen Sie einen visuellen Anomaliedetektor aus Fotos guter Teile, stimmen Sie ihn anhand von Heatmaps ab und exportieren Sie ihn.</translation>
    </message>
    <message>
        <source>An MVTec AD category or a folder of good images.</source>
        <translation>Eine MVTec-AD-Kategorie oder ein Ordner mit guten Bildern.</translation>
    </message>
    <message>
        <source>Open this model file.</source>
        <translation>Diese Modelldatei öffnen.</translation>
    </message>
    <message>
        <source>Train on DATASET_DIR at start.</source>
        <translation>Beim Start mit DATASET_DIR trainieren.</translation>
    </message>
    <message>
        <source>Backbone weights: a file, or &apos;random&apos; to try things out (default: search $LWINNN_WEIGHTS and the standard places).</source>
        <translation>Backbone-Gewichte: eine Datei oder &apos;random&apos; zum Ausprobieren (Standard: $LWINNN_WEIGHTS und die Standardorte durchsuchen).</translation>
    </message>
    <message>
        <source>--train needs a DATASET_DIR.</source>
        <translation>--train benötigt ein DATASET_DIR.</translation>
    </message>
</context>
</TS>
